#include "gw/providers/model_catalogue.hpp"

#include <array>

namespace gw::providers {
namespace {

constexpr std::array<std::string_view, 10> kOpenAi{
    "gpt-5",        "gpt-5-mini", "gpt-5-nano",  "gpt-4.1", "gpt-4.1-mini",
    "gpt-4.1-nano", "gpt-4o",     "gpt-4o-mini", "o3",      "o4-mini",
};
constexpr std::array<std::string_view, 5> kAnthropic{
    "claude-opus-4-1",          "claude-sonnet-4-5",       "claude-sonnet-4-0",
    "claude-3-7-sonnet-latest", "claude-3-5-haiku-latest",
};
constexpr std::array<std::string_view, 4> kGemini{"gemini-2.5-pro", "gemini-2.5-flash",
                                                  "gemini-2.5-flash-lite", "gemini-2.0-flash"};
constexpr std::array<std::string_view, 4> kMistral{"mistral-large-latest", "mistral-medium-latest",
                                                   "mistral-small-latest", "codestral-latest"};
constexpr std::array<std::string_view, 2> kDeepseek{"deepseek-chat", "deepseek-reasoner"};
constexpr std::array<std::string_view, 3> kXai{"grok-4", "grok-3", "grok-3-mini"};

}  // namespace

std::span<const std::string_view> catalogued_models(ProviderId id) {
    switch (id) {
        case ProviderId::OpenAi:
        case ProviderId::AzureOpenAi:
            return kOpenAi;
        case ProviderId::Anthropic:
            return kAnthropic;
        case ProviderId::Gemini:
            return kGemini;
        case ProviderId::Mistral:
            return kMistral;
        case ProviderId::Deepseek:
            return kDeepseek;
        case ProviderId::Xai:
            return kXai;
        default:
            return {};
    }
}

}  // namespace gw::providers
