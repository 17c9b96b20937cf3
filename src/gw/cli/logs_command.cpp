// `planoai logs [--follow]`: print the background gateway's log ($PLANO_HOME/run/plano.log);
// --follow keeps printing what is appended until Ctrl-C.

#include "gw/cli/command_set.hpp"
#include "gw/cli/daemon.hpp"

#include <fmt/core.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <signal.h>

namespace gw::cli {
namespace {

namespace fs = std::filesystem;

constexpr timespec kFollowPollInterval{0, 200'000'000};

// Copies `file` from byte `offset` to stdout; returns the offset after what was copied. A file
// shorter than `offset` was truncated or replaced, so it is printed from its start.
std::uintmax_t copy_from(const fs::path& file, std::uintmax_t offset) {
    std::error_code ec;
    if (fs::file_size(file, ec) < offset && !ec) offset = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) return offset;
    in.seekg(static_cast<std::streamoff>(offset));
    std::array<char, 64 * 1024> buffer{};
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
        auto got = static_cast<std::size_t>(in.gcount());
        std::fwrite(buffer.data(), 1, got, stdout);
        offset += got;
    }
    std::fflush(stdout);
    return offset;
}

// Polls for appended bytes; Ctrl-C (or SIGTERM) ends it with exit 0, as tail -f users expect.
int follow(const fs::path& file, std::uintmax_t offset) {
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    while (sigtimedwait(&stop, nullptr, &kFollowPollInterval) < 0) offset = copy_from(file, offset);
    return 0;
}

int run_logs(bool follow_flag) {
    fs::path file = daemon_log_path("plano");
    if (!fs::exists(file)) {
        fmt::print(stderr,
                   "error: no log file at {}\nIs Plano running? Start it with: planoai up "
                   "<config.yaml>\n",
                   file.string());
        return 1;
    }
    std::uintmax_t offset = copy_from(file, 0);
    return follow_flag ? follow(file, offset) : 0;
}

}  // namespace

void add_logs_command(CLI::App& app, CommandSet& commands) {
    auto follow_flag = std::make_shared<bool>(false);
    auto* logs = app.add_subcommand("logs", "Print the log of the background Plano");
    logs->add_flag("-f,--follow", *follow_flag, "Keep printing new lines until Ctrl-C");
    commands.add(logs, [follow_flag] { return run_logs(*follow_flag); });
}

}  // namespace gw::cli
