// Complete (non-streaming) responses: dispatch to the per-API codecs, and the usage pieces they
// share.

#include "gw/translate/request_decode.hpp"
#include "gw/translate/response_codecs.hpp"
#include "gw/translate/stream_codecs.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

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

void write_usage_if_counted(json::JsonWriter& w, const llm::Usage& usage,
                            void (*write_members)(json::JsonWriter& w, const llm::Usage& usage)) {
    if (!has_token_counts(usage)) return;
    w.key("usage").begin_object();
    write_members(w, usage);
    w.end_object();
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

Error not_supported(std::string_view what, ApiFormat api) {
    return Error::invalid(fmt::format("{} {} responses is not supported", what, to_string(api)));
}

// What a client is told about an upstream answer that is not what its API promises.
constexpr detail::BodyErrors kResponseBodyErrors{
    .kind = Error::Kind::Protocol,
    .prefix = "Response parsing error: ",
    .syntax_prefix = "",
    .not_an_object = "the body is not a JSON object",
};

}  // namespace

Result<Completion> decode_response(ApiFormat api, std::string_view body) {
    switch (api) {
        case ApiFormat::OpenAiChat:
            return detail::decode_json_object(body, kResponseBodyErrors,
                                              detail::decode_chat_response);
        case ApiFormat::AnthropicMessages:
            return detail::decode_json_object(body, kResponseBodyErrors,
                                              detail::decode_messages_response);
        case ApiFormat::BedrockConverse:
            return detail::decode_json_object(body, kResponseBodyErrors,
                                              detail::decode_converse_response);
        case ApiFormat::OpenAiResponses:
            break;
    }
    return not_supported("decoding", api);
}

// Precondition: `api` is a client API. Bedrock never is (dataplane.md §3.1) and
// translate_response refuses it before encoding; should a caller break the rule anyway, release
// builds answer in Chat's shape, as encode_request does, instead of throwing across the module
// boundary.
std::string encode_response(ApiFormat api, const Completion& completion) {
    if (api == ApiFormat::AnthropicMessages) return detail::encode_messages_response(completion);
    if (api == ApiFormat::OpenAiResponses) return detail::encode_responses_response(completion);
    assert(api == ApiFormat::OpenAiChat);
    return detail::encode_chat_response(completion);
}

Result<std::string> translate_response(ApiFormat from, ApiFormat to, std::string_view body,
                                       std::string_view fallback_model) {
    if (to == ApiFormat::BedrockConverse) return not_supported("encoding", to);
    auto completion = decode_response(from, body);
    if (!completion) return completion.error();
    if (completion->model.empty()) completion->model = fallback_model;
    completion->created = detail::creation_time(completion->created);
    return encode_response(to, *completion);
}

}  // namespace gw::translate
