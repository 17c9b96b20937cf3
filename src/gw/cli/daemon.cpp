#include "gw/cli/daemon.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace gw::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kPollInterval = 50ms;
constexpr std::size_t kLogLinesOnFailure = 20;
// How long a SIGKILLed process may take to disappear before we report it as stuck.
constexpr auto kKillGrace = 5s;

std::string errno_text() { return std::strerror(errno); }

// Reaps `pid` when it is our own child (otherwise it would linger as a zombie that kill(pid, 0)
// still reports as alive), then asks whether it still exists.
bool process_exists(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

bool wait_until_gone(pid_t pid, Clock::duration timeout) {
    auto deadline = Clock::now() + timeout;
    while (process_exists(pid)) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(kPollInterval);
    }
    return true;
}

std::optional<pid_t> read_pid_file(const fs::path& file) {
    std::ifstream in(file);
    long long value = 0;
    if (!(in >> value) || value <= 1) return std::nullopt;
    return static_cast<pid_t>(value);
}

Result<void> write_pid_file(const fs::path& file, pid_t pid) {
    // Written beside the target and renamed over it, so a reader never sees a half-written number.
    fs::path temporary = file;
    temporary += fmt::format(".{}.tmp", ::getpid());
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << pid << '\n';
        if (!out.flush()) return Error::io("cannot write " + temporary.string());
    }
    std::error_code ec;
    fs::rename(temporary, file, ec);
    if (ec) return Error::io("cannot write " + file.string() + ": " + ec.message());
    return {};
}

void remove_file(const fs::path& file) {
    std::error_code ignored;
    fs::remove(file, ignored);
}

std::uintmax_t file_size_or_zero(const fs::path& file) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    return ec ? 0 : size;
}

// The last `lines` lines of `file` that were written after byte `offset`.
std::string tail_since(const fs::path& file, std::uintmax_t offset, std::size_t lines) {
    std::ifstream in(file);
    if (!in) return {};
    in.seekg(static_cast<std::streamoff>(offset));
    std::deque<std::string> kept;
    for (std::string line; std::getline(in, line);) {
        kept.push_back(std::move(line));
        if (kept.size() > lines) kept.pop_front();
    }
    std::string text;
    for (const auto& line : kept) text += line + '\n';
    return text;
}

// Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
struct ChildSetup {
    std::vector<std::string> argv_storage;
    std::vector<char*> argv;
    int stdin_fd = -1;
    int log_fd = -1;

    ~ChildSetup() {
        if (stdin_fd >= 0) ::close(stdin_fd);
        if (log_fd >= 0) ::close(log_fd);
    }
};

Result<void> prepare_child(const DaemonSpec& spec, const fs::path& log, ChildSetup& setup) {
    setup.argv_storage.push_back("planoai");
    setup.argv_storage.insert(setup.argv_storage.end(), spec.args.begin(), spec.args.end());
    for (auto& arg : setup.argv_storage) setup.argv.push_back(arg.data());
    setup.argv.push_back(nullptr);
    setup.stdin_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (setup.stdin_fd < 0) return Error::io("cannot open /dev/null: " + errno_text());
    setup.log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (setup.log_fd < 0) return Error::io("cannot open " + log.string() + ": " + errno_text());
    return {};
}

[[noreturn]] void exec_child(const ChildSetup& setup) {
    ::setsid();
    ::dup2(setup.stdin_fd, STDIN_FILENO);
    ::dup2(setup.log_fd, STDOUT_FILENO);
    ::dup2(setup.log_fd, STDERR_FILENO);
    ::execv("/proc/self/exe", setup.argv.data());
    constexpr char kMessage[] = "planoai: cannot re-execute /proc/self/exe\n";
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
}

std::string describe_exit(int status) {
    if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return fmt::format("was killed by signal {}", WTERMSIG(status));
    return "stopped";
}

// Polls until the child is healthy (ok), exits, or the start timeout passes (error).
Result<void> await_healthy(const DaemonSpec& spec, pid_t pid) {
    auto deadline = Clock::now() + spec.start_timeout;
    for (;;) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            return Error::io(
                fmt::format("{} {} during start-up", spec.name, describe_exit(status)));
        }
        if (!spec.healthy || spec.healthy()) return {};
        if (Clock::now() >= deadline) {
            return Error::timeout(fmt::format("{} did not become healthy within {} ms", spec.name,
                                              spec.start_timeout.count()));
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

Error with_log_tail(Error error, const fs::path& log, std::uintmax_t offset) {
    std::string tail = tail_since(log, offset, kLogLinesOnFailure);
    if (tail.empty()) {
        error.message += fmt::format(" (its log {} is empty)", log.string());
    } else {
        error.message += fmt::format("; last lines of {}:\n{}", log.string(), tail);
    }
    return error;
}

}  // namespace

fs::path plano_home() {
    if (const char* home = std::getenv("PLANO_HOME"); home != nullptr && *home != '\0') {
        return fs::path(home);
    }
    const char* user_home = std::getenv("HOME");
    return fs::path(user_home != nullptr && *user_home != '\0' ? user_home : "/tmp") / ".plano";
}

fs::path run_dir() {
    fs::path dir = plano_home() / "run";
    std::error_code ignored;
    fs::create_directories(dir, ignored);
    return dir;
}

fs::path daemon_log_path(std::string_view name) { return run_dir() / fmt::format("{}.log", name); }

fs::path daemon_pid_path(std::string_view name) { return run_dir() / fmt::format("{}.pid", name); }

Result<pid_t> start_daemon(const DaemonSpec& spec) {
    fs::path log = daemon_log_path(spec.name);
    fs::path pid_file = daemon_pid_path(spec.name);
    std::uintmax_t log_offset = file_size_or_zero(log);
    ChildSetup setup;
    if (auto prepared = prepare_child(spec, log, setup); !prepared) return prepared.error();

    pid_t pid = ::fork();
    if (pid < 0) return Error::io("cannot fork: " + errno_text());
    if (pid == 0) exec_child(setup);

    auto outcome = write_pid_file(pid_file, pid);
    if (outcome) outcome = await_healthy(spec, pid);
    if (outcome) return pid;

    ::kill(pid, SIGKILL);
    wait_until_gone(pid, kKillGrace);
    remove_file(pid_file);
    return with_log_tail(outcome.error(), log, log_offset);
}

std::optional<pid_t> running_pid(std::string_view name) {
    fs::path pid_file = daemon_pid_path(name);
    if (!fs::exists(pid_file)) return std::nullopt;
    auto pid = read_pid_file(pid_file);
    if (pid && process_exists(*pid)) return pid;
    remove_file(pid_file);
    return std::nullopt;
}

Result<bool> stop_daemon(std::string_view name, std::chrono::milliseconds timeout) {
    auto pid = running_pid(name);
    if (!pid) return false;
    if (::kill(*pid, SIGTERM) != 0 && errno != ESRCH) {
        return Error::io(fmt::format("cannot signal {} (pid {}): {}", name, *pid, errno_text()));
    }
    if (!wait_until_gone(*pid, timeout)) {
        ::kill(*pid, SIGKILL);
        if (!wait_until_gone(*pid, kKillGrace)) {
            return Error::timeout(fmt::format(
                "{} (pid {}) survived SIGKILL; it may be stuck in the kernel", name, *pid));
        }
    }
    remove_file(daemon_pid_path(name));
    return true;
}

std::string tail_lines(const fs::path& file, std::size_t lines) {
    return tail_since(file, 0, lines);
}

}  // namespace gw::cli
