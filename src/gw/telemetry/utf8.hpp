#pragma once
// UTF-8 validation and repair for OTLP string fields. Protobuf parsers (Go, C++) reject a whole
// export request when one proto3 `string` holds invalid UTF-8, so one bad byte from a client
// header or a truncated preview must not cost a batch: invalid bytes become U+FFFD instead.

#include <cstddef>
#include <string>
#include <string_view>

namespace gw::telemetry {

[[nodiscard]] bool is_valid_utf8(std::string_view text);
// Size of `text` after replacing each byte that does not start a valid sequence with U+FFFD.
[[nodiscard]] std::size_t sanitized_utf8_size(std::string_view text);
// Writes the sanitized form (sanitized_utf8_size bytes) at `out` and returns the end.
char* write_sanitized_utf8(std::string_view text, char* out);
[[nodiscard]] std::string sanitize_utf8(std::string_view text);

}  // namespace gw::telemetry
