// `planoai trace listen` (the built-in OTLP collector, in the background or with --foreground)
// and `planoai trace down`. The background collector is this binary re-executed with
// --foreground (daemon.hpp), so gRPC is only ever created in a process that never forks.

#include "gw/base/log.hpp"
#include "gw/cli/command_set.hpp"
#include "gw/cli/daemon.hpp"
#include "gw/cli/shutdown_signals.hpp"
#include "gw/collector/collector_server.hpp"
#include "gw/collector/port_probe.hpp"
#include "gw/collector/retention_config.hpp"
#include "gw/collector/sqlite_trace_store.hpp"

#include <fmt/core.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <signal.h>
#include <string>
#include <system_error>
#include <vector>

namespace gw::cli {
namespace {

constexpr std::string_view kDaemonName = "collector";
constexpr std::chrono::seconds kStopTimeout{10};

struct ListenOptions {
    std::string host = "127.0.0.1";
    std::uint16_t grpc_port = 4317;
    std::uint16_t http_port = 4318;
    bool foreground = false;
    std::optional<std::string> max_traces;  // flag text; the variable is read when absent
    std::optional<std::string> max_age;
};

std::optional<std::string> flag_or_env(const std::optional<std::string>& flag,
                                       std::string_view variable) {
    if (flag) return flag;
    const char* value = std::getenv(std::string(variable).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

std::filesystem::path store_path() { return plano_home() / "traces.db"; }

std::string describe_retention(const collector::RetentionPolicy& policy) {
    std::string count = policy.max_traces == 0 ? "no count limit"
                                               : fmt::format("newest {} traces", policy.max_traces);
    std::string age = policy.max_age.count() == 0
                          ? "no age limit"
                          : fmt::format("at most {} old", collector::describe_age(policy.max_age));
    return count + ", " + age;
}

Result<std::unique_ptr<collector::TraceStore>> open_store() {
    std::error_code ec;
    std::filesystem::create_directories(plano_home(), ec);
    if (ec) {
        return Error::io(
            fmt::format("cannot create {}: {} (set PLANO_HOME to a writable directory)",
                        plano_home().string(), ec.message()));
    }
    auto store = collector::SqliteTraceStore::open({.path = store_path()});
    if (!store) return store.error();
    return std::unique_ptr<collector::TraceStore>(std::move(*store));
}

int run_foreground(const ListenOptions& options, const collector::RetentionPolicy& retention) {
    sigset_t signals = block_shutdown_signals();
    auto store = open_store();
    if (!store) {
        fmt::print(stderr, "error: trace store {}: {}\n", store_path().string(),
                   store.error().message);
        return 1;
    }
    collector::CollectorOptions collector_options;
    collector_options.host = options.host;
    collector_options.grpc_port = options.grpc_port;
    collector_options.http_port = options.http_port;
    collector_options.ingest.retention = retention;
    collector::CollectorServer server(std::move(*store), collector_options);
    auto ports = server.start();
    if (!ports) {
        fmt::print(stderr, "error: {}\n", ports.error().message);
        return 1;
    }
    log::info("trace collector listening: OTLP/gRPC on {}:{}, OTLP/HTTP on http://{}:{}/v1/traces",
              options.host, ports->grpc, options.host, ports->http);
    log::info("trace store {} ({})", store_path().string(), describe_retention(retention));

    int received = 0;
    sigwait(&signals, &received);
    log::info("received {}, storing queued spans", received == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
    collector::IngestStats stats = server.stats();
    log::info("trace collector stopped: {} spans stored, {} exports refused (queue full), {} lost",
              stats.stored_spans, stats.rejected_batches, stats.lost_spans);
    return 0;
}

std::vector<std::string> foreground_args(const ListenOptions& options) {
    std::vector<std::string> args{"trace",
                                  "listen",
                                  "--foreground",
                                  "--host",
                                  options.host,
                                  "--port",
                                  std::to_string(options.grpc_port),
                                  "--http-port",
                                  std::to_string(options.http_port)};
    if (options.max_traces) args.insert(args.end(), {"--max-traces", *options.max_traces});
    if (options.max_age) args.insert(args.end(), {"--max-age", *options.max_age});
    return args;
}

int run_background(const ListenOptions& options, const collector::RetentionPolicy& retention) {
    if (std::optional<pid_t> pid = running_pid(kDaemonName)) {
        fmt::print(stderr,
                   "error: a trace collector is already running (pid {}); `planoai trace down` "
                   "stops it\n",
                   *pid);
        return 1;
    }
    for (std::uint16_t port : {options.grpc_port, options.http_port}) {
        if (auto free = collector::check_port_free(options.host, port); !free) {
            fmt::print(stderr, "error: {}\n", free.error().message);
            return 1;
        }
    }
    DaemonSpec spec;
    spec.name = std::string(kDaemonName);
    spec.args = foreground_args(options);
    spec.healthy = [options] {
        return collector::accepts_connections(options.host, options.grpc_port) &&
               collector::accepts_connections(options.host, options.http_port);
    };
    Result<pid_t> pid = start_daemon(spec);
    if (!pid) {
        fmt::print(stderr, "error: the trace collector did not start: {}\n", pid.error().message);
        return 1;
    }
    fmt::print("✓ Trace collector started (pid {})\n", *pid);
    fmt::print("  OTLP/gRPC  {}:{}\n", options.host, options.grpc_port);
    fmt::print("  OTLP/HTTP  http://{}:{}/v1/traces\n", options.host, options.http_port);
    fmt::print("  store      {} ({})\n", store_path().string(), describe_retention(retention));
    fmt::print("  log        {}\n", daemon_log_path(kDaemonName).string());
    fmt::print("Use `planoai trace` to view traces; `planoai trace down` stops the collector.\n");
    return 0;
}

int run_listen(const ListenOptions& options) {
    if (const char* level = std::getenv("LOG_LEVEL")) log::set_level(log::parse_level(level));
    auto retention =
        collector::resolve_retention(flag_or_env(options.max_traces, collector::kMaxTracesEnv),
                                     flag_or_env(options.max_age, collector::kMaxAgeEnv));
    if (!retention) {
        fmt::print(stderr, "error: {}\n", retention.error().message);
        return 2;
    }
    if (options.grpc_port != 0 && options.grpc_port == options.http_port) {
        fmt::print(stderr, "error: --port and --http-port must differ (both are {})\n",
                   options.grpc_port);
        return 2;
    }
    return options.foreground ? run_foreground(options, *retention)
                              : run_background(options, *retention);
}

int run_down() {
    Result<bool> stopped = stop_daemon(kDaemonName, kStopTimeout);
    if (!stopped) {
        fmt::print(stderr, "error: {}\n", stopped.error().message);
        return 1;
    }
    fmt::print("{}\n",
               *stopped ? "✓ Trace collector stopped" : "No background trace collector running");
    return 0;
}

}  // namespace

void add_collector_commands(CLI::App& trace, CommandSet& commands) {
    auto options = std::make_shared<ListenOptions>();
    auto* listen = trace.add_subcommand(
        "listen", "Run the OTLP trace collector (gRPC and HTTP), storing spans in $PLANO_HOME");
    listen->add_option("--host", options->host, "Address to bind")->capture_default_str();
    listen->add_option("--port", options->grpc_port, "OTLP/gRPC port")->capture_default_str();
    listen->add_option("--http-port", options->http_port, "OTLP/HTTP port")->capture_default_str();
    listen->add_flag("--foreground", options->foreground, "Stay attached and log to stderr");
    listen->add_option("--max-traces", options->max_traces,
                       "Keep the newest N traces, 0: no limit (env PLANO_TRACE_MAX_TRACES, "
                       "default 10000)");
    listen->add_option("--max-age", options->max_age,
                       "Drop traces older than this, e.g. 7d, 12h, 0: no limit "
                       "(env PLANO_TRACE_MAX_AGE, default 7d)");
    commands.add(listen, [options] { return run_listen(*options); });

    auto* down = trace.add_subcommand("down", "Stop the background trace collector");
    down->alias("stop");
    commands.add(down, [] { return run_down(); });
}

}  // namespace gw::cli
