// The CLI11 wiring of `planoai trace`: TARGET and options land in TraceArgs, a bad --since is a
// usage error, and the words of subcommands registered under `trace` (the collector's `listen`
// and `down`) select those subcommands instead of filling TARGET.

#include "gw/cli/trace_command.hpp"

#include "gw/cli/command_set.hpp"
#include "gw/collector/sqlite_trace_store.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "trace_fixtures.hpp"
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace gw::cli {
namespace {

class TraceCommandLine : public ::testing::Test {
  protected:
    TraceCommandLine() {
        trace_ = app_.add_subcommand("trace");
        add_trace_options(*trace_, args_);
        listen_ = trace_->add_subcommand("listen");
        down_ = trace_->add_subcommand("down");
    }

    void parse(std::vector<std::string> words) {
        // CLI11 takes the arguments in reverse order.
        std::reverse(words.begin(), words.end());
        app_.parse(words);
    }

    CLI::App app_{"test"};
    CLI::App* trace_ = nullptr;
    CLI::App* listen_ = nullptr;
    CLI::App* down_ = nullptr;
    TraceArgs args_;
};

TEST_F(TraceCommandLine, SubcommandWordsAreNotTargets) {
    parse({"trace", "listen"});
    EXPECT_EQ(listen_->count(), 1u);
    EXPECT_FALSE(args_.target);
}

TEST_F(TraceCommandLine, DownIsNotATarget) {
    parse({"trace", "down"});
    EXPECT_EQ(down_->count(), 1u);
    EXPECT_FALSE(args_.target);
}

TEST_F(TraceCommandLine, ShortIdIsTheTarget) {
    parse({"trace", "abcd1234"});
    EXPECT_EQ(args_.target, "abcd1234");
    EXPECT_EQ(listen_->count(), 0u);
}

TEST_F(TraceCommandLine, EveryOption) {
    parse({"trace", "any", "--where", "a=1", "--where", "b=2", "--filter", "http.*,llm.*",
           "--since", "5m", "--limit", "3", "--list", "--json", "-v", "--no-interactive"});
    EXPECT_EQ(args_.target, "any");
    EXPECT_EQ(args_.where, (std::vector<std::string>{"a=1", "b=2"}));
    EXPECT_EQ(args_.filter, std::vector<std::string>{"http.*,llm.*"});
    EXPECT_EQ(args_.since, "5m");
    EXPECT_EQ(args_.limit, 3);
    EXPECT_TRUE(args_.list && args_.json && args_.verbose && args_.no_interactive);
}

TEST_F(TraceCommandLine, NoTarget) {
    parse({"trace", "--verbose"});
    EXPECT_FALSE(args_.target);
    EXPECT_TRUE(args_.verbose);
}

TEST_F(TraceCommandLine, BadSinceIsAUsageError) {
    try {
        parse({"trace", "--since", "yesterday"});
        FAIL() << "parsed";
    } catch (const CLI::ParseError& e) {
        EXPECT_NE(app_.exit(e), 0);
        EXPECT_NE(std::string(e.what()).find("Invalid --since value 'yesterday'"),
                  std::string::npos)
            << e.what();
    }
}

TEST_F(TraceCommandLine, NonIntegerLimitIsAUsageError) {
    EXPECT_THROW(parse({"trace", "--limit", "many"}), CLI::ParseError);
}

// Through the real add_trace_command and CommandSet, as main() wires them.
TEST(TraceCommandSet, ListenUnderTraceRunsTheCollectorCommand) {
    CLI::App app{"test"};
    CommandSet commands;
    CLI::App* trace = add_trace_command(app, commands);
    int ran_listen = 0;
    commands.add(trace->add_subcommand("listen"), [&] {
        ++ran_listen;
        return 0;
    });
    std::vector<std::string> words = {"listen", "trace"};  // reversed, as CLI11 wants
    app.parse(words);
    EXPECT_EQ(commands.run_chosen(), 0);
    EXPECT_EQ(ran_listen, 1);
}

TEST(TraceCommandSet, TraceRunsTheQueryAgainstPlanoHome) {
    std::string dir = (std::filesystem::temp_directory_path() / "gw_trace_cmd_XXXXXX").string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    {
        auto store = collector::SqliteTraceStore::open({.path = dir + "/traces.db"});
        ASSERT_TRUE(store);
        ASSERT_TRUE((*store)->insert(testing::failure_spans()));
    }
    ASSERT_EQ(setenv("PLANO_HOME", dir.c_str(), 1), 0);
    CLI::App app{"test"};
    CommandSet commands;
    CLI::App* trace = add_trace_command(app, commands);
    int ran_listen = 0;
    commands.add(trace->add_subcommand("listen"), [&] {
        ++ran_listen;
        return 0;
    });
    // Not the newest trace, so only a target that reached the query selects it.
    std::vector<std::string> words = {"--json", "a1b2c3d4", "trace"};
    app.parse(words);
    ::testing::internal::CaptureStdout();
    const int rc = commands.run_chosen();
    const std::string out = ::testing::internal::GetCapturedStdout();
    unsetenv("PLANO_HOME");
    std::filesystem::remove_all(dir);
    EXPECT_EQ(rc, 0);
    EXPECT_EQ(ran_listen, 0);
    const boost::json::value v = boost::json::parse(out);
    ASSERT_EQ(v.at("traces").as_array().size(), 1u) << out;
    EXPECT_EQ(v.at("traces").at(0).at("trace_id").as_string(), testing::kTrace429);
}

}  // namespace
}  // namespace gw::cli
