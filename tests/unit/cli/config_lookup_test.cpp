#include "gw/cli/config_lookup.hpp"

#include <gtest/gtest.h>

#include "temp_plano_home.hpp"
#include <fstream>

namespace gw::cli {
namespace {

namespace fs = std::filesystem;

class ConfigLookupTest : public ::testing::Test {
  protected:
    fs::path write(const std::string& name) {
        fs::path path = dir() / name;
        std::ofstream(path) << "version: v0.4.0\n";
        return path;
    }
    fs::path dir() const { return home_.path(); }

    test::TempPlanoHome home_;
};

// Restores the working directory, which the default --path depends on.
class ScopedCwd {
  public:
    explicit ScopedCwd(const fs::path& dir) : previous_(fs::current_path()) {
        fs::current_path(dir);
    }
    ~ScopedCwd() { fs::current_path(previous_); }
    ScopedCwd(const ScopedCwd&) = delete;
    ScopedCwd& operator=(const ScopedCwd&) = delete;

  private:
    fs::path previous_;
};

TEST_F(ConfigLookupTest, ExplicitFileIsUsedAbsolute) {
    write("mine.yaml");
    ScopedCwd cwd(dir());
    auto source = find_config(std::string("mine.yaml"), std::nullopt);
    ASSERT_TRUE(source) << source.error().message;
    EXPECT_EQ(source->path, (dir() / "mine.yaml").string());
}

TEST_F(ConfigLookupTest, MissingExplicitFileIsAnErrorNotTheDefaults) {
    auto source = find_config((dir() / "typo.yaml").string(), std::nullopt);
    ASSERT_FALSE(source);
    EXPECT_EQ(source.error().kind, Error::Kind::NotFound);
    EXPECT_NE(source.error().message.find("typo.yaml"), std::string::npos);
}

TEST_F(ConfigLookupTest, ConfigYamlWinsOverPlanoConfigYaml) {
    write("config.yaml");
    write("plano_config.yaml");
    auto source = find_config(std::nullopt, dir().string());
    ASSERT_TRUE(source) << source.error().message;
    EXPECT_EQ(source->path, (dir() / "config.yaml").string());
}

TEST_F(ConfigLookupTest, PlanoConfigYamlIsFoundInPath) {
    write("plano_config.yaml");
    auto source = find_config(std::nullopt, dir().string());
    ASSERT_TRUE(source) << source.error().message;
    EXPECT_EQ(source->path, (dir() / "plano_config.yaml").string());
}

TEST_F(ConfigLookupTest, WorkingDirectoryIsTheDefaultPath) {
    write("config.yaml");
    ScopedCwd cwd(dir());
    auto source = find_config(std::nullopt, std::nullopt);
    ASSERT_TRUE(source) << source.error().message;
    EXPECT_EQ(source->path, (dir() / "config.yaml").string());
}

TEST_F(ConfigLookupTest, NothingFoundMeansZeroConfigDefaults) {
    auto source = find_config(std::nullopt, dir().string());
    ASSERT_TRUE(source) << source.error().message;
    EXPECT_EQ(source->path, std::nullopt);
}

TEST_F(ConfigLookupTest, PathThatIsNoDirectoryIsAnError) {
    auto source = find_config(std::nullopt, (dir() / "missing").string());
    ASSERT_FALSE(source);
    EXPECT_NE(source.error().message.find("missing"), std::string::npos);
}

TEST(DefaultConfig, WithoutKeysEveryProviderIsPassThroughAndNoneIsDefault) {
    config::LoadResult result = config::load_config_text(default_config_yaml({}, 12000), "d", {});
    for (const auto& error : result.errors) ADD_FAILURE() << error.to_string();
    ASSERT_TRUE(result.config);
    std::vector<std::string> names;
    for (const auto& p : result.config->model_providers) {
        if (p.internal) continue;
        names.push_back(p.name);
        EXPECT_TRUE(p.passthrough_auth) << p.name;
        EXPECT_FALSE(p.is_default) << p.name;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"openai", "anthropic", "gemini", "groq", "deepseek",
                                               "mistral", "digitalocean", "vercel", "openrouter",
                                               "edenai"}));
    const config::Listener* listener = result.config->model_listener();
    ASSERT_NE(listener, nullptr);
    EXPECT_EQ(listener->name, "llm");
    EXPECT_EQ(listener->port, 12000);
    EXPECT_EQ(listener->address, "0.0.0.0");
}

TEST(DefaultConfig, KeyedProvidersComeFirstAndUseTheirVariable) {
    config::Environment env = {{"MISTRAL_API_KEY", "m"}, {"OPENROUTER_API_KEY", "o"}};
    std::string yaml = default_config_yaml(env, 12000);
    EXPECT_NE(yaml.find("  - name: mistral\n    model: mistral/*\n    base_url: "
                        "https://api.mistral.ai/v1\n    access_key: $MISTRAL_API_KEY\n"),
              std::string::npos)
        << yaml;
    EXPECT_LT(yaml.find("name: openrouter"), yaml.find("name: openai"));
    config::LoadResult result = config::load_config_text(yaml, "d", env);
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->model_providers.front().name, "mistral");
    EXPECT_FALSE(result.config->model_providers.front().passthrough_auth);
}

TEST(DefaultConfig, ListenerPortCanBeChosen) {
    config::LoadResult result = config::load_config_text(default_config_yaml({}, 12345), "d", {});
    ASSERT_TRUE(result.config);
    EXPECT_EQ(result.config->model_listener()->port, 12345);
}

TEST(DefaultConfig, TracesEverythingToLocalhost4317) {
    config::LoadResult result = config::load_config_text(default_config_yaml({}, 12000), "d", {});
    ASSERT_TRUE(result.config);
    ASSERT_TRUE(result.config->tracing);
    EXPECT_EQ(result.config->tracing->random_sampling, 100);
    EXPECT_EQ(result.config->tracing->opentracing_grpc_endpoint, "http://localhost:4317");
}

TEST(DefaultConfig, SummaryNamesBothGroups) {
    EXPECT_EQ(default_config_summary({{"GROQ_API_KEY", "g"}}),
              "env-keyed: groq | pass-through: openai, anthropic, gemini, deepseek, mistral, "
              "digitalocean, vercel, openrouter, edenai");
    EXPECT_EQ(default_config_summary({{"GROQ_API_KEY", ""}}).rfind("pass-through: openai", 0), 0U);
}

}  // namespace
}  // namespace gw::cli
