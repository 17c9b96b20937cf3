// The Plano YAML config loader on arbitrary text (and the small parsers beside it). Never
// crashes or throws; a config is produced exactly when no error was reported.

#include "gw/config/load.hpp"

#include "fuzz_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text = gw::fuzz::as_view(data, size);
    static const gw::config::Environment env = {{"OPENAI_API_KEY", "sk-fuzz"},
                                                {"ANTHROPIC_API_KEY", "sk-ant-fuzz"},
                                                {"TEAM", "core"},
                                                {"CUSTOM_PORT", "8080"},
                                                {"DEMO_PORT", "12000"},
                                                {"PLANO_MOCK_URL", "http://127.0.0.1:18080/v1"},
                                                {"EMPTY", ""}};
    const auto result = gw::config::load_config_text(text, "fuzz.yaml", env);
    gw::fuzz::check(result.config.has_value() == result.errors.empty());
    for (const auto& error : result.errors) (void)error.to_string();
    (void)gw::config::parse_dotenv(text);
    (void)gw::config::parse_duration(text);
    return 0;
}
