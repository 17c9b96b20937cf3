#pragma once
// Internal to gw_translate's decoders (requests, complete responses, error bodies): typed reads
// of simdjson DOM values whose errors name the field, and the pieces every decoder shares. JSON
// null counts as absent everywhere, as for the reference's optional fields.

#include "gw/base/result.hpp"
#include "gw/json/padded_input.hpp"
#include "gw/translate/ir.hpp"

#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace gw::translate::detail {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

[[nodiscard]] Error wrong_type(std::string_view field, std::string_view expected);
[[nodiscard]] Error invalid_value(std::string_view field, std::string_view value);
// A valid construct of the client's API that has no counterpart to translate it to.
[[nodiscard]] Error unsupported(std::string_view what, std::string_view name);

[[nodiscard]] Result<std::string_view> as_string(element value, std::string_view field);
[[nodiscard]] Result<bool> as_bool(element value, std::string_view field);
[[nodiscard]] Result<int64_t> as_integer(element value, std::string_view field);
[[nodiscard]] Result<array> as_array(element value, std::string_view field);
[[nodiscard]] Result<object> as_object(element value, std::string_view field);
// A number as JSON text for the provider: integers exactly as sent, others in their shortest
// round-trip form (1e0 -> 1.0; the DOM keeps no source text), so the value is the client's.
[[nodiscard]] Result<std::string> as_number_token(element value, std::string_view field);
// An object as compact JSON text.
[[nodiscard]] Result<std::string> as_object_json(element value, std::string_view field);
// Any value as compact JSON text (schemas, tool inputs, response formats).
[[nodiscard]] std::string compact_json(element value);

// The member `key` of `obj`; nullopt when absent or null.
[[nodiscard]] std::optional<element> member(const object& obj, std::string_view key);
// A required member: present, not null.
[[nodiscard]] Result<element> required(const object& obj, std::string_view key);
[[nodiscard]] Result<object> required_object(const object& obj, std::string_view key);
[[nodiscard]] Result<std::string_view> required_string(const object& obj, std::string_view key);
// The string member `key`; empty when absent or null.
[[nodiscard]] Result<std::string_view> string_member(const object& obj, std::string_view key);

// Stores a successfully read value in its field of the Request.
template <class T, class Field>
[[nodiscard]] Result<void> assign(Result<T> value, Field& field) {
    if (!value) return value.error();
    field = std::move(*value);
    return {};
}

// A member reader for read_fields: converts `value` into its place in `request`.
struct FieldReader {
    std::string_view key;
    Result<void> (*read)(element value, Request& request);
};

// Members spelled alike in several APIs.
inline constexpr FieldReader kModelField{
    "model", [](element v, Request& r) { return assign(as_string(v, "model"), r.model); }};
inline constexpr FieldReader kTemperatureField{
    "temperature",
    [](element v, Request& r) { return assign(as_number_token(v, "temperature"), r.temperature); }};
inline constexpr FieldReader kTopPField{
    "top_p", [](element v, Request& r) { return assign(as_number_token(v, "top_p"), r.top_p); }};
inline constexpr FieldReader kMaxTokensField{
    "max_tokens",
    [](element v, Request& r) { return assign(as_integer(v, "max_tokens"), r.max_tokens); }};
inline constexpr FieldReader kStreamField{
    "stream", [](element v, Request& r) { return assign(as_bool(v, "stream"), r.stream); }};
inline constexpr FieldReader kUserField{
    "user", [](element v, Request& r) { return assign(as_string(v, "user"), r.user); }};
inline constexpr FieldReader kParallelToolCallsField{
    "parallel_tool_calls", [](element v, Request& r) {
        return assign(as_bool(v, "parallel_tool_calls"), r.parallel_tool_calls);
    }};

// Runs the reader of every known member of `obj`; unknown and null members are skipped.
[[nodiscard]] Result<void> read_fields(const object& obj, std::span<const FieldReader> readers,
                                       Request& request);

// How one kind of body (a request, an upstream answer) reports that it is not what its API
// promises: each message is `prefix` + detail, simdjson's syntax errors add `syntax_prefix`.
struct BodyErrors {
    Error::Kind kind;
    std::string_view prefix;
    std::string_view syntax_prefix;
    std::string_view not_an_object;  // the detail for valid JSON that is not an object
};

[[nodiscard]] Error body_error(const BodyErrors& errors, std::string_view detail);

using ParsedBody = json::detail::ParseInput<simdjson::dom::parser>;
// The root object of `input`, or the error `errors` words for a body that is none.
[[nodiscard]] Result<object> parse_root_object(ParsedBody& input, const BodyErrors& errors);

// Parses `body` as a JSON object and hands it to `decode` (object -> Result<T>); the decoder's
// errors are worded as `errors` says too. The DOM lives until the next parse on this thread.
template <class Decode>
[[nodiscard]] auto decode_json_object(std::string_view body, const BodyErrors& errors,
                                      Decode decode)
    -> std::invoke_result_t<Decode, const object&> {
    ParsedBody input(body);
    auto root = parse_root_object(input, errors);
    if (!root) return root.error();
    auto decoded = decode(*root);
    if (!decoded) return body_error(errors, decoded.error().message);
    return decoded;
}

// A client request body: the members the API cannot do without must be present, then `readers`
// read the known members. Errors carry the reference's "Failed to parse request: " prefix.
[[nodiscard]] Result<Request> decode_request_body(
    std::string_view body, std::initializer_list<std::string_view> required_keys,
    std::span<const FieldReader> readers);

// An item of the `messages` array, with the `role` every API's messages must have.
struct RoleMessage {
    object message;
    std::string_view role;
};
[[nodiscard]] Result<RoleMessage> read_role_message(element value);

// Runs `read` on each item of the array `value`.
[[nodiscard]] Result<void> read_each(element value, std::string_view field,
                                     Result<void> (*read)(element item, Request& request),
                                     Request& request);

// Appends the parts one content item (part, block) stands for.
using PartReader = Result<void> (*)(element item, std::vector<ContentPart>& parts);
// Content as a string (one text part) or an array of items read by `read_part`.
[[nodiscard]] Result<std::vector<ContentPart>> read_content(element value, std::string_view field,
                                                            PartReader read_part);

// A PartReader for content whose items are objects that each become one part.
template <Result<ContentPart> (*ReadPart)(const object& item)>
[[nodiscard]] Result<void> read_object_part(element value, std::vector<ContentPart>& parts) {
    auto item = as_object(value, "content");
    if (!item) return item.error();
    return assign(ReadPart(*item), parts.emplace_back());
}

// The `tools` item `value` when its `type` is `accepted_type`; for APIs whose `type` is optional,
// `absent` says whether a missing one means the accepted type. Other types (server or built-in
// tools) have no counterpart upstream.
enum class AbsentType { Accepted, Refused };
[[nodiscard]] Result<object> read_tool_item(element value, std::string_view accepted_type,
                                            AbsentType absent);

// {name, description?, <schema_key>?}: a function tool in any API's spelling.
[[nodiscard]] Result<ToolDefinition> read_tool_definition(const object& tool,
                                                          std::string_view schema_key);

// A string (one item) or an array of strings, e.g. stop sequences.
[[nodiscard]] Result<std::vector<std::string>> read_string_list(element value,
                                                                std::string_view field);
// "auto" | "none" | "required".
[[nodiscard]] Result<ToolChoice> tool_choice_keyword(std::string_view keyword);
// OpenAI's tool choices: a keyword, or an object `read_object` reads.
[[nodiscard]] Result<ToolChoice> read_keyword_or_object_choice(
    element value, std::string_view field, Result<ToolChoice> (*read_object)(const object& choice));
// {"type":"function", ...}: the check both OpenAI APIs make before reading the named function.
[[nodiscard]] Result<void> check_function_choice_type(const object& choice);
// The tool named by the `name` member of `holder`.
[[nodiscard]] Result<ToolChoice> named_tool_choice(const object& holder);

// {"text": ...} as a Text part: Chat text parts, Messages text blocks and Responses text parts are
// all spelled so.
[[nodiscard]] Result<ContentPart> read_text_object(const object& item);
// Anthropic's prompt-caching marker of `item` as raw JSON; empty when absent.
[[nodiscard]] std::string cache_control_of(const object& item);

[[nodiscard]] ContentPart text_part(std::string_view text);
[[nodiscard]] ContentPart image_part(std::string_view url);
[[nodiscard]] ContentPart tool_call_part(std::string_view id, std::string_view name,
                                         std::string arguments);
[[nodiscard]] ContentPart tool_result_part(std::string_view id, std::string text);

// The message to add parts of `role` to: the last one when it has that role and `merge` is set
// (for APIs that send one item per call or result), else a new one.
Message& message_for(Request& request, Role role, bool merge);
// System instructions hold text only: the Text parts of `parts` are moved to `request.system`.
void add_system_text(std::vector<ContentPart>& parts, Request& request);
// The result of the call `call_id`, flattened to text (Chat tool messages and Responses outputs
// carry text only), in the Tool message the preceding results share.
void add_tool_result(std::string_view call_id, const std::vector<ContentPart>& content,
                     Request& request);

}  // namespace gw::translate::detail
