// Request translation: decode the client's body into the Request IR, encode it for the upstream.

#include "gw/translate/request_codecs.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>

#include <cassert>

namespace gw::translate {

namespace detail {

std::string joined_text(const std::vector<ContentPart>& parts) {
    std::string text;
    bool first = true;
    for (const ContentPart& part : parts) {
        if (part.kind != ContentPart::Kind::Text) continue;
        if (!first) text.push_back('\n');
        text += part.text;
        first = false;
    }
    return text;
}

}  // namespace detail

Result<Request> decode_request(llm::ApiFormat api, std::string_view body) {
    switch (api) {
        case llm::ApiFormat::OpenAiChat:
            return detail::decode_chat_request(body);
        case llm::ApiFormat::AnthropicMessages:
            return detail::decode_messages_request(body);
        case llm::ApiFormat::OpenAiResponses:
            return detail::decode_responses_request(body);
        case llm::ApiFormat::BedrockConverse:
            break;  // never a client API (dataplane.md §3.1): nothing decodes its requests
    }
    return Error::invalid(
        fmt::format("Decoding {} requests is not supported", llm::to_string(api)));
}

// Precondition: only Chat, Messages and Converse upstreams are ever encoded for
// (can_translate()).
std::string encode_request(llm::ApiFormat api, const Request& request,
                           const RequestOptions& options) {
    if (api == llm::ApiFormat::AnthropicMessages) {
        return detail::encode_messages_request(request, options);
    }
    if (api == llm::ApiFormat::BedrockConverse) {
        return detail::encode_converse_request(request, options);
    }
    assert(api == llm::ApiFormat::OpenAiChat);
    return detail::encode_chat_request(request, options);
}

Result<std::string> translate_request(llm::ApiFormat from, llm::ApiFormat to, std::string_view body,
                                      const RequestOptions& options) {
    if (!can_translate(from, to)) {
        return Error::invalid(fmt::format("Translating {} requests to {} is not supported",
                                          llm::to_string(from), llm::to_string(to)));
    }
    auto request = decode_request(from, body);
    if (!request) return request.error();
    return encode_request(to, *request, options);
}

}  // namespace gw::translate
