#include "postgres_server.hpp"

#include "child_process.hpp"
#include "free_port.hpp"
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <optional>
#include <pwd.h>
#include <signal.h>
#include <sstream>
#include <string_view>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace gw::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// initdb of a fresh cluster takes about a second; a loaded CI machine may need much more.
constexpr auto kStartupLimit = 60s;
constexpr auto kShutdownLimit = 30s;
constexpr auto kPollInterval = 20ms;
constexpr std::size_t kLogTailBytes = 2000;

bool has_server_binaries(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "initdb", ec) && fs::exists(dir / "postgres", ec);
}

std::optional<fs::path> find_in_path() {
    const char* path = std::getenv("PATH");
    std::string_view rest = path != nullptr ? path : "";
    while (!rest.empty()) {
        const std::size_t colon = rest.find(':');
        const fs::path dir(std::string(rest.substr(0, colon)));
        if (!dir.empty() && has_server_binaries(dir)) return dir;
        rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
    return std::nullopt;
}

// Debian keeps the server binaries out of PATH, in /usr/lib/postgresql/<major>/bin.
std::optional<fs::path> find_in_debian_layout() {
    std::optional<fs::path> newest;
    long newest_major = -1;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        const long major = std::strtol(entry.path().filename().c_str(), nullptr, 10);
        if (major > newest_major && has_server_binaries(entry.path() / "bin")) {
            newest = entry.path() / "bin";
            newest_major = major;
        }
    }
    return newest;
}

Result<ServerAccount> server_account() {
    if (geteuid() != 0) return ServerAccount{getuid(), getgid(), false};
    for (const char* name : {"postgres", "nobody"}) {
        if (const passwd* entry = getpwnam(name)) {
            return ServerAccount{entry->pw_uid, entry->pw_gid, true};
        }
    }
    return Error::not_found(
        "running as root, but there is no 'postgres' or 'nobody' user to run PostgreSQL as");
}

// Under root the directory must be reachable by the server's user, hence /tmp itself.
Result<fs::path> make_temp_dir(const ServerAccount& account) {
    const fs::path parent = account.switch_user ? fs::path("/tmp") : fs::temp_directory_path();
    std::string pattern = (parent / "gw-postgres-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return Error::io(errno_text("mkdtemp " + pattern));
    if (account.switch_user && chown(pattern.c_str(), account.uid, account.gid) != 0) {
        return Error::io(errno_text("chown " + pattern));
    }
    return fs::path(pattern);
}

// Starts `argv` in `dir` as `account`, with stdout and stderr appended to `log`.
Result<pid_t> spawn(const std::vector<std::string>& argv, const fs::path& dir, const fs::path& log,
                    const ServerAccount& account) {
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) return Error::io(errno_text("open " + log.string()));
    const pid_t pid = fork();
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec.
        if (dup2(log_fd, STDOUT_FILENO) < 0 || dup2(log_fd, STDERR_FILENO) < 0) _exit(126);
        if (account.switch_user &&
            (setgroups(0, nullptr) != 0 || setgid(account.gid) != 0 || setuid(account.uid) != 0)) {
            _exit(126);
        }
        if (chdir(dir.c_str()) != 0) _exit(126);
        execv(args[0], args.data());
        _exit(127);
    }
    ::close(log_fd);
    if (pid < 0) return Error::io(errno_text("fork"));
    return pid;
}

// The exit status of `pid`, or an error when it is still running after `limit`.
Result<int> wait_exit(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = SteadyClock::now() + limit;
    for (;;) {
        int status = 0;
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) return status;
        if (done < 0) return Error::io(errno_text("waitpid"));
        if (SteadyClock::now() > deadline) return Error::timeout("process did not exit in time");
        std::this_thread::sleep_for(kPollInterval);
    }
}

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::start() {
    std::optional<fs::path> bin_dir = find_in_path();
    if (!bin_dir) bin_dir = find_in_debian_layout();
    if (!bin_dir) {
        return Error::not_found(
            "PostgreSQL server binaries (initdb, postgres) were found neither in PATH nor in "
            "/usr/lib/postgresql/*/bin: install Debian's `postgresql` package "
            "(scripts/install-deps.sh does)");
    }
    auto account = server_account();
    if (!account) return account.error();
    auto dir = make_temp_dir(*account);
    if (!dir) return dir.error();
    std::unique_ptr<PostgresServer> server(new PostgresServer(*bin_dir, *dir, *account));
    if (auto initialised = server->init_cluster(); !initialised) return initialised.error();
    server->port_ = free_loopback_port();
    if (auto launched = server->launch(); !launched) return launched.error();
    return server;
}

PostgresServer::PostgresServer(fs::path bin_dir, fs::path dir, ServerAccount account)
    : bin_dir_(std::move(bin_dir)), dir_(std::move(dir)), account_(account) {}

PostgresServer::~PostgresServer() {
    (void)stop();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::string PostgresServer::connection_string() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=gw dbname=postgres";
}

Result<void> PostgresServer::init_cluster() {
    const std::vector<std::string> argv = {(bin_dir_ / "initdb").string(),
                                           "--pgdata=" + (dir_ / "data").string(),
                                           "--username=gw",
                                           "--auth=trust",
                                           "--encoding=UTF8",
                                           "--locale=C",
                                           "--no-sync"};
    auto pid = spawn(argv, dir_, dir_ / "initdb.log", account_);
    if (!pid) return pid.error();
    auto status = wait_exit(*pid, kStartupLimit);
    if (!status || !WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
        return Error::io("initdb failed: " + log_tail("initdb.log"));
    }
    return {};
}

Result<void> PostgresServer::launch() {
    // Durability is pointless for a throwaway cluster and costs test time.
    const std::vector<std::string> argv = {(bin_dir_ / "postgres").string(),
                                           "-D",
                                           (dir_ / "data").string(),
                                           "-h",
                                           "127.0.0.1",
                                           "-p",
                                           std::to_string(port_),
                                           "-k",
                                           dir_.string(),
                                           "-c",
                                           "fsync=off",
                                           "-c",
                                           "synchronous_commit=off",
                                           "-c",
                                           "full_page_writes=off"};
    auto pid = spawn(argv, dir_, dir_ / "postgres.log", account_);
    if (!pid) return pid.error();
    pid_ = *pid;
    return wait_until_ready();
}

Result<void> PostgresServer::wait_until_ready() {
    const std::string probe = connection_string() + " connect_timeout=2";
    const auto deadline = SteadyClock::now() + kStartupLimit;
    for (;;) {
        if (PQping(probe.c_str()) == PQPING_OK) return {};
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return Error::io("postgres exited during startup: " + log_tail("postgres.log"));
        }
        if (SteadyClock::now() > deadline) {
            return Error::timeout("postgres did not accept connections in time: " +
                                  log_tail("postgres.log"));
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

Result<void> PostgresServer::stop() {
    if (pid_ < 0) return {};
    const pid_t pid = std::exchange(pid_, -1);
    ::kill(pid, SIGINT);  // "fast" shutdown: roll back open transactions, disconnect, checkpoint
    if (wait_exit(pid, kShutdownLimit)) return {};
    ::kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return Error::timeout("postgres ignored the shutdown request and was killed");
}

Result<void> PostgresServer::restart() {
    if (auto stopped = stop(); !stopped) return stopped.error();
    return launch();
}

std::string PostgresServer::log_tail(const std::string& file) const {
    return file_tail(dir_ / file, kLogTailBytes);
}

}  // namespace gw::testing
