// start_daemon re-executes /proc/self/exe, which here is this test binary: the child runs only the
// DaemonChild.Run test below, whose behaviour GW_DAEMON_TEST_MODE selects.
#include "gw/cli/daemon.hpp"

#include <gtest/gtest.h>

#include "temp_plano_home.hpp"
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace gw::cli {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kModeVar = "GW_DAEMON_TEST_MODE";
constexpr const char* kReadyVar = "GW_DAEMON_TEST_READY";

void touch(const char* path) { std::ofstream(path) << "ready\n"; }

[[noreturn]] void sleep_forever() {
    for (;;) std::this_thread::sleep_for(1h);
}

TEST(DaemonChild, Run) {
    const char* mode = std::getenv(kModeVar);
    if (mode == nullptr) GTEST_SKIP() << "only runs as a daemon child of the other tests";
    std::string_view m = mode;
    std::fprintf(stderr, "child started in mode %s\n", mode);
    if (m == "crash") {
        std::fprintf(stderr, "child failing: boom\n");
        std::_Exit(3);
    }
    if (m == "stubborn") std::signal(SIGTERM, SIG_IGN);
    if (m != "never-ready") touch(std::getenv(kReadyVar));
    sleep_forever();
}

class DaemonTest : public ::testing::Test {
  protected:
    void TearDown() override {
        (void)stop_daemon("test", 2s);
        unsetenv(kModeVar);
    }

    DaemonSpec spec(const char* mode, std::chrono::milliseconds timeout = 15s) {
        setenv(kModeVar, mode, 1);
        setenv(kReadyVar, ready_.c_str(), 1);
        fs::path ready = ready_;
        return DaemonSpec{"test",
                          {"--gtest_filter=DaemonChild.Run"},
                          [ready] { return fs::exists(ready); },
                          timeout};
    }

    test::TempPlanoHome home_;
    fs::path ready_ = home_.path() / "ready";
};

bool process_gone(pid_t pid) {
    for (int i = 0; i < 200; ++i) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid || kill(pid, 0) != 0) return true;
        std::this_thread::sleep_for(25ms);
    }
    return false;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(DaemonTest, PlanoHomeComesFromTheEnvironment) {
    EXPECT_EQ(plano_home(), home_.path());
    EXPECT_EQ(run_dir(), home_.path() / "run");
    EXPECT_TRUE(fs::is_directory(home_.path() / "run"));
}

TEST_F(DaemonTest, PlanoHomeDefaultsToDotPlanoInHome) {
    unsetenv("PLANO_HOME");
    const char* home = std::getenv("HOME");
    ASSERT_NE(home, nullptr);
    EXPECT_EQ(plano_home(), fs::path(home) / ".plano");
}

TEST_F(DaemonTest, StartsRecordsAndStopsADaemon) {
    auto pid = start_daemon(spec("serve"));
    ASSERT_TRUE(pid) << pid.error().message;
    EXPECT_EQ(running_pid("test"), *pid);
    EXPECT_EQ(read_file(daemon_pid_path("test")), std::to_string(*pid) + "\n");

    auto stopped = stop_daemon("test", 10s);
    ASSERT_TRUE(stopped) << stopped.error().message;
    EXPECT_TRUE(*stopped);
    EXPECT_TRUE(process_gone(*pid));
    EXPECT_FALSE(fs::exists(daemon_pid_path("test")));
    EXPECT_EQ(running_pid("test"), std::nullopt);
}

TEST_F(DaemonTest, ChildOutputIsAppendedToItsLog) {
    { std::ofstream(daemon_log_path("test")) << "line from an earlier run\n"; }
    auto pid = start_daemon(spec("serve"));
    ASSERT_TRUE(pid) << pid.error().message;
    std::string log = read_file(daemon_log_path("test"));
    EXPECT_EQ(log.rfind("line from an earlier run\n", 0), 0U) << log;
    EXPECT_NE(log.find("child started in mode serve"), std::string::npos) << log;
}

TEST_F(DaemonTest, ChildThatExitsEarlyIsReportedWithItsLog) {
    { std::ofstream(daemon_log_path("test")) << "old noise\n"; }
    auto pid = start_daemon(spec("crash"));
    ASSERT_FALSE(pid);
    EXPECT_NE(pid.error().message.find("exited with status 3"), std::string::npos)
        << pid.error().message;
    EXPECT_NE(pid.error().message.find("child failing: boom"), std::string::npos)
        << pid.error().message;
    EXPECT_EQ(pid.error().message.find("old noise"), std::string::npos) << pid.error().message;
    EXPECT_FALSE(fs::exists(daemon_pid_path("test")));
    EXPECT_EQ(running_pid("test"), std::nullopt);
}

TEST_F(DaemonTest, ChildThatNeverGetsHealthyIsKilledAtTheTimeout) {
    auto pid = start_daemon(spec("never-ready", 300ms));
    ASSERT_FALSE(pid);
    EXPECT_EQ(pid.error().kind, Error::Kind::Timeout);
    EXPECT_NE(pid.error().message.find("child started in mode never-ready"), std::string::npos)
        << pid.error().message;
    EXPECT_FALSE(fs::exists(daemon_pid_path("test")));
}

TEST_F(DaemonTest, ChildIgnoringSigtermIsKilled) {
    auto pid = start_daemon(spec("stubborn"));
    ASSERT_TRUE(pid) << pid.error().message;
    auto stopped = stop_daemon("test", 200ms);
    ASSERT_TRUE(stopped) << stopped.error().message;
    EXPECT_TRUE(*stopped);
    EXPECT_TRUE(process_gone(*pid));
    EXPECT_FALSE(fs::exists(daemon_pid_path("test")));
}

TEST_F(DaemonTest, StoppingWhenNothingRunsIsNotAnError) {
    auto stopped = stop_daemon("test", 1s);
    ASSERT_TRUE(stopped) << stopped.error().message;
    EXPECT_FALSE(*stopped);
}

pid_t pid_of_an_exited_process() {
    pid_t pid = fork();
    if (pid == 0) std::_Exit(0);
    int status = 0;
    waitpid(pid, &status, 0);
    return pid;
}

TEST_F(DaemonTest, StalePidFileIsRemoved) {
    std::ofstream(daemon_pid_path("test")) << pid_of_an_exited_process() << "\n";
    EXPECT_EQ(running_pid("test"), std::nullopt);
    EXPECT_FALSE(fs::exists(daemon_pid_path("test")));
}

TEST_F(DaemonTest, GarbagePidFileIsRemoved) {
    std::ofstream(daemon_pid_path("test")) << "not a pid\n";
    EXPECT_EQ(running_pid("test"), std::nullopt);
    EXPECT_FALSE(fs::exists(daemon_pid_path("test")));
}

TEST_F(DaemonTest, TailLinesKeepsTheLastLines) {
    fs::path file = home_.path() / "lines.txt";
    std::ofstream(file) << "one\ntwo\nthree\nfour\n";
    EXPECT_EQ(tail_lines(file, 2), "three\nfour\n");
    EXPECT_EQ(tail_lines(file, 10), "one\ntwo\nthree\nfour\n");
    EXPECT_EQ(tail_lines(home_.path() / "missing", 3), "");
}

}  // namespace
}  // namespace gw::cli
