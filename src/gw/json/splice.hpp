#pragma once
// Byte-exact edits of a JSON request body (stack.md §1.3): pass-through requests are never
// re-serialized, so numbers, key order and whitespace reach the provider as the client wrote them.

#include <optional>
#include <string>
#include <string_view>

namespace gw::json {

// Replaces the value of the top-level `key` of the object `body` by the JSON string `new_value`
// (escaped here), keeping every other byte. When the key is absent, `"key":"new_value"` is
// inserted as the object's first member.
// Precondition: `body` passed scan_request(): a valid JSON object without duplicate "model" /
// "stream" keys (only the first occurrence of `key` is replaced). A body that is not a JSON
// object is returned unchanged.
[[nodiscard]] std::string replace_string_field(std::string_view body, std::string_view key,
                                               std::string_view new_value);

struct RemovedField {
    std::string value;  // the removed member's value, exactly as written
    std::string body;   // the object without that member
};

// Takes the first top-level member named `key` (escaped spellings match) out of the object
// `body`: the member and one separating comma go, every other byte stays, so the rest of the
// body reaches the provider as the client wrote it. nullopt when `body` has no such member or
// cannot be read as an object up to it. Members after the match are not read, so a body that is
// malformed past it still needs the proxy's usual validation.
[[nodiscard]] std::optional<RemovedField> remove_field(std::string_view body, std::string_view key);

}  // namespace gw::json
