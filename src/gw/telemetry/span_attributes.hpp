#pragma once
// Custom span attributes (README §4.5): computed once per request, then set on every span of it.

#include "gw/base/headers.hpp"
#include "gw/config/model.hpp"
#include "gw/telemetry/attributes.hpp"

namespace gw::telemetry {

// `static` attributes first, in config order; then every request header whose name starts with a
// configured prefix (case-insensitive; the first matching prefix in config order is used) becomes
// the attribute `<name minus prefix>` with '-' turned into '.', lowercased. A header overrides a
// static attribute of the same key; of repeated headers the last wins. Headers are skipped when
// the key would be empty, the value is not printable ASCII, or the name is a credential header
// (Authorization, Cookie, API keys): a broad prefix such as "x-" must not leak secrets into spans.
[[nodiscard]] Attributes custom_span_attributes(const config::SpanAttributes& config,
                                                const Headers& request_headers);

}  // namespace gw::telemetry
