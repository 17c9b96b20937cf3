// `planoai down`: stop the background gateway that `planoai up` started, and the trace collector
// when `up --with-tracing` started it. Exit 0 also when nothing runs.

#include "gw/cli/command_set.hpp"
#include "gw/cli/daemon.hpp"
#include "gw/cli/up_collector.hpp"

#include <fmt/core.h>

namespace gw::cli {
namespace {

using namespace std::chrono_literals;

// The gateway drains in-flight requests for up to overrides.drain_timeout (default 30 s) and
// then flushes spans; SIGKILL only after that.
constexpr auto kGatewayStopTimeout = 40s;
constexpr auto kCollectorStopTimeout = 10s;

int run_down() {
    auto stopped = stop_daemon("plano", kGatewayStopTimeout);
    if (!stopped) {
        fmt::print(stderr, "error: {}\n", stopped.error().message);
        return 1;
    }
    fmt::print("{}\n", *stopped ? "✓ Plano stopped" : "No Plano instance was running");
    auto collector = stop_collector_started_by_up(kCollectorStopTimeout);
    if (!collector) {
        fmt::print(stderr, "error: {}\n", collector.error().message);
        return 1;
    }
    if (*collector) fmt::print("✓ Trace collector stopped\n");
    return 0;
}

}  // namespace

void add_down_command(CLI::App& app, CommandSet& commands) {
    auto* down = app.add_subcommand(
        "down", "Stop the background Plano (and the collector `up --with-tracing` started)");
    commands.add(down, [] { return run_down(); });
}

}  // namespace gw::cli
