// `planoai up`: validate the config, then serve it — in the background by default (this binary
// re-executed as `up --foreground`, see daemon.hpp), or attached with --foreground.

#include "gw/app/gateway.hpp"
#include "gw/base/log.hpp"
#include "gw/cli/command_set.hpp"
#include "gw/cli/commands.hpp"
#include "gw/cli/config_lookup.hpp"
#include "gw/cli/daemon.hpp"
#include "gw/cli/health_probe.hpp"
#include "gw/cli/shutdown_signals.hpp"
#include "gw/cli/up_collector.hpp"
#include "gw/collector/port_probe.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <signal.h>

namespace gw::cli {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kDaemonName = "plano";
constexpr auto kStartTimeout = 30s;
constexpr auto kHealthProbeTimeout = 1s;
constexpr auto kCollectorStopTimeout = 10s;
// The variable through which the reference points the gateway at --with-tracing's collector; an
// opentracing_grpc_endpoint in the config still wins (cli.md §2.8).
constexpr const char* kTracingEndpointVar = "OTEL_TRACING_GRPC_ENDPOINT";

std::optional<config::Config> load_or_report(const ConfigSource& source, int default_port) {
    config::LoadResult result = load_source(source, default_port);
    for (const auto& warning : result.warnings) log::warn("{}", warning);
    if (!result.errors.empty()) {
        for (const auto& error : result.errors) fmt::print(stderr, "{}\n", error.to_string());
        fmt::print(stderr, "✗ Validation failed: {} error{}; nothing was started.\n",
                   result.errors.size(), result.errors.size() == 1 ? "" : "s");
        return std::nullopt;
    }
    return std::move(result.config);
}

// --with-tracing: sample everything unless the config already samples, and export to the
// collector unless the config names an endpoint. The variable must be set before the config is
// loaded, which is where the endpoint is resolved.
void point_tracing_at_collector(std::uint16_t port) {
    ::setenv(kTracingEndpointVar, collector_endpoint(port).c_str(), 1);
}

void enable_full_sampling(config::Config& config, std::uint16_t port) {
    if (!config.tracing) {
        config.tracing.emplace();
        config.tracing->opentracing_grpc_endpoint = collector_endpoint(port);
    }
    if (config.tracing->random_sampling <= 0) config.tracing->random_sampling = 100;
}

void report_source(const ConfigSource& source, const UpOptions& options) {
    if (source.path) {
        log::info("using config {}", *source.path);
        return;
    }
    fmt::print(stderr,
               "No plano config found; using defaults ({}). Listening on :{}, tracing -> "
               "http://localhost:4317.\n",
               default_config_summary(config::process_environment()), options.listener_port);
}

// The command line of the background child: the same config, found the same way.
std::vector<std::string> foreground_args(const ConfigSource& source, const UpOptions& options) {
    std::vector<std::string> args{"up", "--foreground"};
    if (source.path) {
        args.push_back(*source.path);
    } else {
        auto dir = std::filesystem::absolute(options.dir.value_or(".")).lexically_normal();
        args.insert(args.end(), {"--path", dir.string(), "--listener-port",
                                 std::to_string(options.listener_port)});
    }
    if (options.with_tracing) {
        args.insert(args.end(),
                    {"--with-tracing", "--tracing-port", std::to_string(options.tracing_port)});
    }
    return args;
}

Result<void> check_listener_ports(const config::Config& config) {
    for (const auto& listener : config.listeners) {
        auto free = collector::check_port_free(listener.address, listener.port);
        if (!free && free.error().kind == Error::Kind::Io) {
            return Error::io(fmt::format(
                "listener '{}' cannot listen on {}:{}: the port is already in use; stop what "
                "listens there or change the listener's port",
                listener.name, listener.address, listener.port));
        }
        if (!free) {
            return Error::io(fmt::format("listener '{}': {}", listener.name, free.error().message));
        }
    }
    return {};
}

void print_running(pid_t pid, const config::Config& config) {
    const config::Listener* model = config.model_listener();
    fmt::print("✓ Plano is running (pid {})\n", pid);
    fmt::print("  model listener '{}'  http://{}:{}\n", model->name, model->address, model->port);
    fmt::print("  logs  {}  (planoai logs [--follow])\n", daemon_log_path(kDaemonName).string());
    fmt::print("Run 'planoai down' to stop.\n");
}

void stop_collector_we_started(bool started) {
    if (!started) return;
    if (auto stopped = stop_collector_started_by_up(kCollectorStopTimeout); !stopped) {
        log::warn("could not stop the trace collector: {}", stopped.error().message);
    }
}

// --with-tracing: the collector runs before the gateway starts. nullopt: it could not be started
// (reported); otherwise whether this call started it.
std::optional<bool> start_collector_if_asked(const UpOptions& options) {
    if (!options.with_tracing) return false;
    auto started = ensure_collector(options.tracing_port);
    if (!started) {
        fmt::print(stderr, "error: {}\n", started.error().message);
        return std::nullopt;
    }
    return *started;
}

int run_background(const ConfigSource& source, const config::Config& config,
                   const UpOptions& options) {
    if (auto pid = running_pid(kDaemonName)) {
        fmt::print(
            stderr,
            "error: Plano is already running (pid {}); run 'planoai down' to stop it first\n",
            *pid);
        return 1;
    }
    const config::Listener* model = config.model_listener();
    if (model == nullptr) {
        fmt::print(stderr,
                   "error: the config has no model listener, so there is nothing to serve\n");
        return 1;
    }
    if (auto ports = check_listener_ports(config); !ports) {
        fmt::print(stderr, "error: {}\n", ports.error().message);
        return 1;
    }
    std::optional<bool> started_collector = start_collector_if_asked(options);
    if (!started_collector) return 1;
    DaemonSpec spec{std::string(kDaemonName), foreground_args(source, options),
                    [host = model->address, port = model->port] {
                        return http_get_ok(host, port, "/healthz", kHealthProbeTimeout);
                    },
                    kStartTimeout};
    auto pid = start_daemon(spec);
    if (!pid) {
        fmt::print(stderr, "error: Plano did not start: {}\n", pid.error().message);
        stop_collector_we_started(*started_collector);
        return 1;
    }
    print_running(*pid, config);
    return 0;
}

int serve(std::shared_ptr<const config::Config> config) {
    sigset_t signals = block_shutdown_signals();
    auto gateway = app::Gateway::create(config);
    if (!gateway) {
        fmt::print(stderr, "error: {}\n", gateway.error().message);
        return 1;
    }
    auto port = (*gateway)->start();
    if (!port) {
        fmt::print(stderr, "error: {}\n", port.error().message);
        return 1;
    }
    const config::Listener* listener = config->model_listener();
    auto user_providers =
        std::count_if(config->model_providers.begin(), config->model_providers.end(),
                      [](const config::ModelProvider& p) { return !p.internal; });
    log::info("planoai listening on http://{}:{} (model listener '{}', {} providers)",
              listener->address, *port, listener->name, user_providers);

    int received = 0;
    sigwait(&signals, &received);
    log::info("received {}, draining (up to {} ms)", received == SIGINT ? "SIGINT" : "SIGTERM",
              config->overrides.drain_timeout.count());
    bool drained = (*gateway)->shutdown(config->overrides.drain_timeout);
    log::info("stopped{}", drained ? "" : " (some connections were cut at the drain deadline)");
    return 0;
}

// The collector is started before the gateway exists: a process must not fork once gRPC (the
// exporter) has started its threads.
int run_foreground(config::Config config, const UpOptions& options) {
    std::optional<bool> started_collector = start_collector_if_asked(options);
    if (!started_collector) return 1;
    if (options.with_tracing) enable_full_sampling(config, options.tracing_port);
    int rc = serve(std::make_shared<const config::Config>(std::move(config)));
    stop_collector_we_started(*started_collector);
    return rc;
}

}  // namespace

int run_up(const UpOptions& options) {
    if (const char* level = std::getenv("LOG_LEVEL")) log::set_level(log::parse_level(level));
    auto source = find_config(options.file, options.dir);
    if (!source) {
        fmt::print(stderr, "error: {}\n", source.error().message);
        return 1;
    }
    report_source(*source, options);
    if (options.with_tracing) point_tracing_at_collector(options.tracing_port);
    auto config = load_or_report(*source, options.listener_port);
    if (!config) return 1;
    return options.foreground ? run_foreground(std::move(*config), options)
                              : run_background(*source, *config, options);
}

void add_up_command(CLI::App& app, CommandSet& commands) {
    auto options = std::make_shared<UpOptions>();
    auto* up = app.add_subcommand("up", "Validate a config and serve every listener");
    up->add_option("FILE", options->file, "Plano config YAML");
    up->add_option("--path", options->dir,
                   "Directory searched for config.yaml, then plano_config.yaml (default: .)");
    up->add_flag("--foreground", options->foreground, "Stay attached and log to stderr");
    up->add_flag("--with-tracing", options->with_tracing,
                 "Start the trace collector (unless one runs) and trace every request to it");
    up->add_option("--tracing-port", options->tracing_port,
                   "OTLP/gRPC port of that collector; OTLP/HTTP uses the next one")
        ->capture_default_str();
    up->add_option("--listener-port", options->listener_port,
                   "Model listener port when no config file is found")
        ->capture_default_str();
    commands.add(up, [options] { return run_up(*options); });
}

}  // namespace gw::cli
