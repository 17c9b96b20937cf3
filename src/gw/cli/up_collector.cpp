#include "gw/cli/up_collector.hpp"

#include "gw/cli/daemon.hpp"
#include "gw/collector/port_probe.hpp"

#include <fmt/core.h>

#include <cstring>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace gw::cli {
namespace {

constexpr std::string_view kCollectorName = "collector";

std::filesystem::path started_by_up_marker() { return run_dir() / "collector.started-by-up"; }

// Runs `planoai trace listen` in the background mode and returns its exit status: it prints its
// own progress and errors, and daemonizes the collector itself.
Result<int> run_trace_listen(std::uint16_t grpc_port) {
    std::vector<std::string> args{"planoai",
                                  "trace",
                                  "listen",
                                  "--port",
                                  std::to_string(grpc_port),
                                  "--http-port",
                                  std::to_string(grpc_port + 1)};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (int rc = ::posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), environ);
        rc != 0) {
        return Error::io(fmt::format("cannot run `planoai trace listen`: {}", std::strerror(rc)));
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return Error::io("lost `planoai trace listen`");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::string collector_endpoint(std::uint16_t grpc_port) {
    return fmt::format("http://127.0.0.1:{}", grpc_port);
}

Result<bool> ensure_collector(std::uint16_t grpc_port) {
    if (auto pid = running_pid(kCollectorName)) {
        fmt::print("✓ Trace collector already running (pid {})\n", *pid);
        return false;
    }
    if (!collector::check_port_free("127.0.0.1", grpc_port)) {
        fmt::print("✓ Port {} is in use; assuming an OTLP collector listens there\n", grpc_port);
        return false;
    }
    if (grpc_port == 65535) {
        return Error::invalid("--tracing-port 65535 leaves no port for the collector's OTLP/HTTP");
    }
    auto status = run_trace_listen(grpc_port);
    if (!status) return status.error();
    if (*status != 0) {
        return Error::io(fmt::format(
            "the trace collector did not start on port {} (see above); free the port or pick "
            "another one with --tracing-port",
            grpc_port));
    }
    // The pid ties the marker to this very collector: once it is gone, a later one the user
    // starts with `planoai trace listen` is not ours to stop.
    if (auto pid = running_pid(kCollectorName)) {
        std::ofstream(started_by_up_marker()) << *pid << '\n';
    }
    return true;
}

Result<bool> stop_collector_started_by_up(std::chrono::milliseconds timeout) {
    std::filesystem::path marker = started_by_up_marker();
    if (!std::filesystem::exists(marker)) return false;
    pid_t recorded = 0;
    std::ifstream(marker) >> recorded;
    auto running = running_pid(kCollectorName);
    Result<bool> stopped = running && *running == recorded ? stop_daemon(kCollectorName, timeout)
                                                           : Result<bool>(false);
    if (stopped) {
        std::error_code ignored;
        std::filesystem::remove(marker, ignored);
    }
    return stopped;
}

}  // namespace gw::cli
