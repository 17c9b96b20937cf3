#pragma once
// Internal to gw_translate: one complete-response decoder per upstream API and one encoder per
// client API, dispatched by response_translate.cpp, plus the stop-reason and usage pieces the
// stream codecs share with them. Decoders read an already parsed root object; their errors are
// the detail that decode_response prefixes with "Response parsing error: ".

#include "gw/base/result.hpp"
#include "gw/json/writer.hpp"
#include "gw/translate/ir.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace simdjson::dom {
class object;
}

namespace gw::translate::detail {

[[nodiscard]] bool has_part(const std::vector<ContentPart>& parts, ContentPart::Kind kind);

Result<Completion> decode_chat_response(const simdjson::dom::object& root);
Result<Completion> decode_messages_response(const simdjson::dom::object& root);
Result<Completion> decode_converse_response(const simdjson::dom::object& root);

// Converse answers (complete and streamed) carry no id, but the client APIs have one and derive
// item ids from it, and Responses state is stored under it: a fresh random one, "bedrock-" and
// 32 hex digits. Thread-safe (a generator per thread).
[[nodiscard]] std::string synthesised_response_id();

std::string encode_chat_response(const Completion& completion);
std::string encode_messages_response(const Completion& completion);
std::string encode_responses_response(const Completion& completion);

// Assistant content is spelled the same in requests and answers, so the request decoders use
// these readers too (text blocks: read_text_object). Chat `tool_calls` (and a legacy
// `function_call`, whose name stands in for the id it lacks) of a message:
[[nodiscard]] Result<void> read_chat_tool_calls(const simdjson::dom::object& message,
                                                std::vector<ContentPart>& parts);
// Anthropic content blocks by type; `tool_use` input becomes compact JSON argument text.
[[nodiscard]] Result<ContentPart> read_messages_thinking_block(const simdjson::dom::object& block);
[[nodiscard]] Result<ContentPart> read_messages_tool_use_block(const simdjson::dom::object& block);

// Stop reasons (dataplane.md §3.3). Unknown non-empty values count as a normal stop: the answer
// did end, and the client's API has no way to say "something else".
[[nodiscard]] std::optional<FinishReason> chat_finish_reason(std::string_view reason);
[[nodiscard]] std::optional<FinishReason> messages_stop_reason(std::string_view reason);
[[nodiscard]] std::optional<FinishReason> converse_stop_reason(std::string_view reason);
[[nodiscard]] std::string_view chat_finish_reason_name(FinishReason reason);
[[nodiscard]] std::string_view messages_stop_reason_name(FinishReason reason);

// The integer member `key` of `obj`; nullopt when absent or null, an error for other types.
[[nodiscard]] Result<std::optional<int64_t>> read_count(const simdjson::dom::object& obj,
                                                        std::string_view key);
// A token count of the wire and the Usage field it is read into.
struct CountField {
    std::string_view key;
    std::optional<int64_t> llm::Usage::*field;
};
// Reads each of `fields` present in `obj` into `usage`.
[[nodiscard]] Result<void> read_counts(const simdjson::dom::object& obj,
                                       std::span<const CountField> fields, llm::Usage& usage);
// `usage` objects in the token convention of ir.hpp; wrong types are errors naming the field.
[[nodiscard]] Result<llm::Usage> read_chat_usage(const simdjson::dom::object& usage);
[[nodiscard]] Result<llm::Usage> read_messages_usage(const simdjson::dom::object& usage);
[[nodiscard]] Result<llm::Usage> read_converse_usage(const simdjson::dom::object& usage);

// The members of each API's `usage` object, written between the caller's begin/end_object.
void write_chat_usage(json::JsonWriter& w, const llm::Usage& usage);
void write_messages_usage(json::JsonWriter& w, const llm::Usage& usage);
void write_responses_usage(json::JsonWriter& w, const llm::Usage& usage);

// total_tokens as reported, else input + output.
[[nodiscard]] int64_t total_tokens(const llm::Usage& usage);
// `"key":count` when the count is known.
void write_count_if_known(json::JsonWriter& w, std::string_view key, std::optional<int64_t> count);
// Whether the upstream reported any token count: APIs whose `usage` is optional omit it otherwise.
[[nodiscard]] bool has_token_counts(const llm::Usage& usage);
// `"usage":{...}` with the members `write_members` writes, for the APIs whose `usage` is optional:
// only when the upstream reported a count, so none is made up.
void write_usage_if_counted(json::JsonWriter& w, const llm::Usage& usage,
                            void (*write_members)(json::JsonWriter& w, const llm::Usage& usage));

}  // namespace gw::translate::detail
