#pragma once
// Minimal JSON writing for the mock's fixed-shape bodies: appending with fmt is several times
// cheaper than building a DOM, and the mock must stay far faster than any proxy it measures.

#include <string>
#include <string_view>

namespace gw::mock {

// Appends `text` as a quoted JSON string (RFC 8259 escapes; other bytes are copied as they are).
void append_json_string(std::string& out, std::string_view text);

// `text` as a quoted JSON string.
[[nodiscard]] std::string json_string(std::string_view text);

}  // namespace gw::mock
