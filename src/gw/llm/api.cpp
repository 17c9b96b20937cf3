#include "gw/llm/api.hpp"

namespace gw::llm {

std::string_view to_string(ApiFormat api) {
    switch (api) {
        case ApiFormat::OpenAiChat:
            return "openai_chat";
        case ApiFormat::AnthropicMessages:
            return "anthropic_messages";
        case ApiFormat::OpenAiResponses:
            return "openai_responses";
        case ApiFormat::BedrockConverse:
            return "bedrock_converse";
    }
    return "unknown";
}

}  // namespace gw::llm
