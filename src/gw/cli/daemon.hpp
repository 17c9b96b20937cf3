#pragma once
// Background processes of planoai (the gateway "plano", the trace collector "collector"): each one
// is this same binary re-executed with its foreground command line, detached into its own session,
// logging to $PLANO_HOME/run/<name>.log and recorded in $PLANO_HOME/run/<name>.pid.

#include "gw/base/result.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace gw::cli {

// $PLANO_HOME when set and non-empty, else ~/.plano.
std::filesystem::path plano_home();

// plano_home()/run, created on demand.
std::filesystem::path run_dir();

std::filesystem::path daemon_log_path(std::string_view name);
std::filesystem::path daemon_pid_path(std::string_view name);

struct DaemonSpec {
    std::string name;
    // The command line after argv[0] of the child (the foreground variant of the command).
    std::vector<std::string> args;
    // Polled until it answers true: the daemon is ready to serve.
    std::function<bool()> healthy;
    std::chrono::milliseconds start_timeout{15000};
};

// Starts the daemon and waits until `healthy` holds. On failure (child exited, timeout) the child
// is killed, the pid file removed, and the error carries the last lines of its log.
Result<pid_t> start_daemon(const DaemonSpec& spec);

// The pid of the running daemon `name`; a pid file whose process is gone is removed.
std::optional<pid_t> running_pid(std::string_view name);

// SIGTERM, then SIGKILL once `timeout` passed; removes the pid file. false: nothing was running.
Result<bool> stop_daemon(std::string_view name, std::chrono::milliseconds timeout);

// The last `lines` lines of `file` (empty when it cannot be read).
std::string tail_lines(const std::filesystem::path& file, std::size_t lines);

}  // namespace gw::cli
