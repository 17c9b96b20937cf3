#pragma once
// gzip decompression for OTLP/HTTP bodies sent with `Content-Encoding: gzip` (what most SDKs do
// by default). Bounded: a small hostile body must not inflate into gigabytes.

#include "gw/base/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace gw::collector {

// Decompresses one gzip stream (zlib's gzip wrapper, header and CRC checked). Errors
// (Error::Kind::Protocol): corrupt or truncated data, trailing bytes after the stream; an output
// larger than `max_bytes` is Error::Kind::LimitExceeded.
[[nodiscard]] Result<std::string> gunzip(std::string_view compressed, std::size_t max_bytes);

}  // namespace gw::collector
