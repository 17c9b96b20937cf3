#pragma once
// Small helpers for HTTP field values shared by the trace-context and custom-attribute readers.

#include <algorithm>
#include <string_view>

namespace gw::telemetry {

// Strips optional whitespace (RFC 9110 OWS: spaces and tabs) from both ends.
[[nodiscard]] inline std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

[[nodiscard]] inline bool printable_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

}  // namespace gw::telemetry
