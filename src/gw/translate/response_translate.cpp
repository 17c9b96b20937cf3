// Complete (non-streaming) responses: dispatch to the per-API codecs, and the usage pieces they
// share.

#include "gw/json/padded_input.hpp"
#include "gw/translate/request_decode.hpp"
#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace gw::translate {
namespace detail {

Result<std::optional<int64_t>> read_count(const object& obj, std::string_view key) {
    auto value = member(obj, key);
    if (!value) return std::optional<int64_t>{};
    auto count = as_integer(*value, key);
    if (!count) return count.error();
    return std::optional<int64_t>{*count};
}

Result<void> read_counts(const object& obj, std::span<const CountField> fields, llm::Usage& usage) {
    for (const auto& [key, field] : fields) {
        if (auto ok = assign(read_count(obj, key), usage.*field); !ok) return ok.error();
    }
    return {};
}

int64_t total_tokens(const llm::Usage& usage) {
    return usage.total_tokens.value_or(usage.input_tokens.value_or(0) +
                                       usage.output_tokens.value_or(0));
}

bool has_token_counts(const llm::Usage& usage) {
    return usage.input_tokens || usage.output_tokens || usage.total_tokens;
}

void write_count_if_known(json::JsonWriter& w, std::string_view key, std::optional<int64_t> count) {
    if (count) w.key(key).number(*count);
}

bool has_part(const std::vector<ContentPart>& parts, ContentPart::Kind kind) {
    return std::ranges::any_of(parts, [kind](const ContentPart& p) { return p.kind == kind; });
}

}  // namespace detail

namespace {

using llm::ApiFormat;
using CompletionDecoder = Result<Completion> (*)(const simdjson::dom::object& root);

Error not_supported(std::string_view what, ApiFormat api) {
    return Error::invalid(fmt::format("{} {} responses is not supported", what, to_string(api)));
}

Error parsing_error(std::string_view detail) {
    return Error::protocol(fmt::format("Response parsing error: {}", detail));
}

Result<Completion> decode_with(CompletionDecoder decode, std::string_view body) {
    json::detail::ParseInput<simdjson::dom::parser> input(body);
    simdjson::dom::element root;
    if (auto error = input.parser().parse(input.view()).get(root); error != simdjson::SUCCESS) {
        return parsing_error(simdjson::error_message(error));
    }
    simdjson::dom::object root_object;
    if (root.get_object().get(root_object) != simdjson::SUCCESS) {
        return parsing_error("the body is not a JSON object");
    }
    auto completion = decode(root_object);
    if (!completion) return parsing_error(completion.error().message);
    return completion;
}

}  // namespace

Result<Completion> decode_response(ApiFormat api, std::string_view body) {
    switch (api) {
        case ApiFormat::OpenAiChat:
            return decode_with(detail::decode_chat_response, body);
        case ApiFormat::AnthropicMessages:
            return decode_with(detail::decode_messages_response, body);
        case ApiFormat::OpenAiResponses:
        case ApiFormat::BedrockConverse:
            break;
    }
    return not_supported("decoding", api);
}

std::string encode_response(ApiFormat api, const Completion& completion) {
    switch (api) {
        case ApiFormat::OpenAiChat:
            return detail::encode_chat_response(completion);
        case ApiFormat::AnthropicMessages:
            return detail::encode_messages_response(completion);
        case ApiFormat::OpenAiResponses:
            return detail::encode_responses_response(completion);
        case ApiFormat::BedrockConverse:
            break;
    }
    // Bedrock is never a client API (dataplane.md §3.1) and translate_response refuses it.
    throw std::invalid_argument("encode_response: no encoder for " + std::string(to_string(api)));
}

Result<std::string> translate_response(ApiFormat from, ApiFormat to, std::string_view body) {
    if (to == ApiFormat::BedrockConverse) return not_supported("encoding", to);
    auto completion = decode_response(from, body);
    if (!completion) return completion.error();
    completion->created = detail::creation_time(completion->created);
    return encode_response(to, *completion);
}

}  // namespace gw::translate
