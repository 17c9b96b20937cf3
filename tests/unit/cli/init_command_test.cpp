#include "gw/cli/init_command.hpp"

#include "gw/cli/init_templates.hpp"

#include <gtest/gtest.h>

#include "temp_plano_home.hpp"
#include <fstream>

namespace gw::cli {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class InitCommandTest : public ::testing::Test {
  protected:
    InitOptions options(std::optional<std::string> template_id, bool clean = false) {
        InitOptions o;
        o.template_id = std::move(template_id);
        o.clean = clean;
        o.output = output_.string();
        return o;
    }

    test::TempPlanoHome dir_;
    fs::path output_ = dir_.path() / "nested" / "config.yaml";
};

TEST_F(InitCommandTest, CleanWritesANewlineOnlyAndCreatesParents) {
    EXPECT_EQ(run_init(options(std::nullopt, true)), 0);
    EXPECT_EQ(read_file(output_), "\n");
}

TEST_F(InitCommandTest, TemplateIsWrittenVerbatim) {
    EXPECT_EQ(run_init(options("coding_agent_routing")), 0);
    EXPECT_EQ(read_file(output_), find_init_template("coding_agent_routing")->content);
}

TEST_F(InitCommandTest, ExistingFileIsKeptWithoutForce) {
    fs::create_directories(output_.parent_path());
    std::ofstream(output_) << "mine\n";
    EXPECT_EQ(run_init(options("coding_agent_routing")), 1);
    EXPECT_EQ(read_file(output_), "mine\n");
}

TEST_F(InitCommandTest, ForceOverwrites) {
    fs::create_directories(output_.parent_path());
    std::ofstream(output_) << "mine\n";
    InitOptions o = options(std::nullopt, true);
    o.force = true;
    EXPECT_EQ(run_init(o), 0);
    EXPECT_EQ(read_file(output_), "\n");
}

TEST_F(InitCommandTest, UnknownTemplateFailsAndWritesNothing) {
    EXPECT_EQ(run_init(options("no_such_template")), 1);
    EXPECT_FALSE(fs::exists(output_));
}

TEST_F(InitCommandTest, CleanAndTemplateTogetherIsAUsageError) {
    EXPECT_EQ(run_init(options("coding_agent_routing", true)), 2);
    EXPECT_FALSE(fs::exists(output_));
}

TEST_F(InitCommandTest, ListingTemplatesWritesNothing) {
    InitOptions o = options(std::nullopt);
    o.list_templates = true;
    EXPECT_EQ(run_init(o), 0);
    EXPECT_FALSE(fs::exists(output_));
}

TEST(ExpandUser, ReplacesALeadingTildeOnly) {
    const char* home = std::getenv("HOME");
    ASSERT_NE(home, nullptr);
    EXPECT_EQ(expand_user("~/a/b.yaml"), fs::path(home) / "a/b.yaml");
    EXPECT_EQ(expand_user("~"), fs::path(home));
    EXPECT_EQ(expand_user("~other/x"), fs::path("~other/x"));
    EXPECT_EQ(expand_user("a/~/b"), fs::path("a/~/b"));
}

TEST(ConfigPreview, ShowsTheFirst28LinesThenTruncates) {
    std::string content;
    for (int i = 1; i <= 30; ++i) content += "line " + std::to_string(i) + "\n";
    std::string preview = config_preview(content);
    EXPECT_NE(preview.find("line 28\n"), std::string::npos);
    EXPECT_EQ(preview.find("line 29"), std::string::npos);
    EXPECT_TRUE(preview.ends_with("... (truncated)\n")) << preview;
}

TEST(ConfigPreview, ShortContentIsShownWhole) {
    EXPECT_EQ(config_preview("a: 1\nb: 2\n"), "a: 1\nb: 2\n");
}

TEST(ConfigPreview, BlankContentSaysEmpty) { EXPECT_EQ(config_preview("\n"), "(empty)\n"); }

}  // namespace
}  // namespace gw::cli
