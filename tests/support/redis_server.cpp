#include "redis_server.hpp"

#include "child_process.hpp"
#include "free_port.hpp"
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <string_view>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace gw::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kStartupLimit = 30s;
constexpr auto kShutdownLimit = 10s;
constexpr auto kPollInterval = 10ms;
constexpr int kProbeTimeoutMs = 1000;
constexpr std::size_t kLogTailBytes = 2000;

std::optional<fs::path> find_binary() {
    const char* path = std::getenv("PATH");
    std::string rest = path != nullptr ? path : "";
    rest += ":/usr/bin:/usr/sbin:/usr/local/bin";
    std::string_view dirs = rest;
    while (!dirs.empty()) {
        const std::size_t colon = dirs.find(':');
        const fs::path candidate = fs::path(std::string(dirs.substr(0, colon))) / "redis-server";
        std::error_code ec;
        if (!candidate.parent_path().empty() && fs::exists(candidate, ec)) return candidate;
        dirs = colon == std::string_view::npos ? std::string_view() : dirs.substr(colon + 1);
    }
    return std::nullopt;
}

Result<fs::path> make_temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "gw-redis-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return Error::io(errno_text("mkdtemp " + pattern));
    return fs::path(pattern);
}

// Starts `argv` with stdout and stderr appended to `log`.
Result<pid_t> spawn(const std::vector<std::string>& argv, const fs::path& log) {
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) return Error::io(errno_text("open " + log.string()));
    const pid_t pid = fork();
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec.
        if (dup2(log_fd, STDOUT_FILENO) < 0 || dup2(log_fd, STDERR_FILENO) < 0) _exit(126);
        execv(args[0], args.data());
        _exit(127);
    }
    ::close(log_fd);
    if (pid < 0) return Error::io(errno_text("fork"));
    return pid;
}

bool exited_within(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = SteadyClock::now() + limit;
    for (;;) {
        if (waitpid(pid, nullptr, WNOHANG) != 0) return true;  // reaped, or not our child
        if (SteadyClock::now() > deadline) return false;
        std::this_thread::sleep_for(kPollInterval);
    }
}

bool wait_readable(int fd) {
    pollfd entry{fd, POLLIN, 0};
    return ::poll(&entry, 1, kProbeTimeoutMs) == 1;
}

}  // namespace

Result<std::unique_ptr<RedisServer>> RedisServer::start(RedisServerOptions options) {
    std::optional<fs::path> binary = find_binary();
    if (!binary) {
        return Error::not_found(
            "redis-server was not found in PATH: install Debian's `redis-server` package "
            "(scripts/install-deps.sh does); its own service need not run");
    }
    auto dir = make_temp_dir();
    if (!dir) return dir.error();
    std::unique_ptr<RedisServer> server(new RedisServer(*binary, *dir, std::move(options)));
    server->port_ = free_loopback_port();
    if (auto launched = server->launch(); !launched) return launched.error();
    return server;
}

RedisServer::RedisServer(fs::path binary, fs::path dir, RedisServerOptions options)
    : binary_(std::move(binary)), dir_(std::move(dir)), options_(std::move(options)) {}

RedisServer::~RedisServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::string RedisServer::url(unsigned db) const {
    const std::string credentials = options_.password.empty() ? "" : ":" + options_.password + "@";
    return "redis://" + credentials + "127.0.0.1:" + std::to_string(port_) + "/" +
           std::to_string(db);
}

Result<void> RedisServer::launch() {
    // No RDB snapshots, no AOF: a restart starts empty, and the tests write nothing to disk.
    std::vector<std::string> argv = {binary_.string(),
                                     "--port",
                                     std::to_string(port_),
                                     "--bind",
                                     "127.0.0.1",
                                     "--save",
                                     "",
                                     "--appendonly",
                                     "no",
                                     "--dir",
                                     dir_.string(),
                                     "--daemonize",
                                     "no"};
    if (!options_.password.empty()) {
        argv.insert(argv.end(), {"--requirepass", options_.password});
    }
    argv.insert(argv.end(), options_.extra_arguments.begin(), options_.extra_arguments.end());
    auto pid = spawn(argv, dir_ / "redis.log");
    if (!pid) return pid.error();
    pid_ = *pid;
    return wait_until_ready();
}

Result<void> RedisServer::wait_until_ready() {
    const auto deadline = SteadyClock::now() + kStartupLimit;
    for (;;) {
        if (answers_ping()) return {};
        if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
            pid_ = -1;
            return Error::io("redis-server exited during startup: " + log_tail());
        }
        if (SteadyClock::now() > deadline) {
            return Error::timeout("redis-server did not answer PING in time: " + log_tail());
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

// PING in the inline protocol; a server that wants AUTH answers -NOAUTH, which also means up.
bool RedisServer::answers_ping() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    char reply[64] = {};
    ssize_t got = -1;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        ::send(fd, "PING\r\n", 6, MSG_NOSIGNAL) == 6 && wait_readable(fd)) {
        got = ::recv(fd, reply, sizeof(reply) - 1, 0);
    }
    ::close(fd);
    const std::string_view text(reply, got > 0 ? static_cast<std::size_t>(got) : 0);
    return text.starts_with("+PONG") || text.starts_with("-NOAUTH");
}

Result<void> RedisServer::stop() {
    if (pid_ < 0) return {};
    const pid_t pid = std::exchange(pid_, -1);
    ::kill(pid, SIGTERM);
    if (exited_within(pid, kShutdownLimit)) return {};
    ::kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return Error::timeout("redis-server ignored SIGTERM and was killed");
}

Result<void> RedisServer::restart() {
    if (auto stopped = stop(); !stopped) return stopped.error();
    return launch();
}

std::string RedisServer::log_tail() const { return file_tail(dir_ / "redis.log", kLogTailBytes); }

}  // namespace gw::testing
