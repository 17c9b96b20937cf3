#pragma once
// JSON string escaping shared by the writer and the splicer.

#include <string>
#include <string_view>

namespace gw::json {

// Appends `text` as a quoted JSON string: '"' and '\\' escaped, control characters as \n, \t ...
// or \u00XX, and invalid UTF-8 replaced by U+FFFD so the output is always valid JSON.
void append_quoted(std::string& out, std::string_view text);

}  // namespace gw::json
