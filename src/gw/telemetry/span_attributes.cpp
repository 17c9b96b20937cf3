#include "gw/telemetry/span_attributes.hpp"

#include "gw/telemetry/http_text.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace gw::telemetry {
namespace {

constexpr std::array<std::string_view, 7> kCredentialHeaders = {
    "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
    "api-key",       "x-goog-api-key",
};

bool is_credential(std::string_view name) {
    return std::any_of(kCredentialHeaders.begin(), kCredentialHeaders.end(),
                       [&](std::string_view c) { return iequals(name, c); });
}

// The attribute key for header `name`, or nullopt when no prefix matches or the key is empty.
std::optional<std::string> key_for(const config::SpanAttributes& config, std::string_view name) {
    for (const std::string& prefix : config.header_prefixes) {
        if (prefix.empty() || !istarts_with(name, prefix)) continue;
        std::string_view rest = name.substr(prefix.size());
        while (!rest.empty() && rest.front() == '-') rest.remove_prefix(1);
        if (rest.empty()) return std::nullopt;
        std::string key = to_lower(rest);
        std::replace(key.begin(), key.end(), '-', '.');
        return key;
    }
    return std::nullopt;
}

}  // namespace

Attributes custom_span_attributes(const config::SpanAttributes& config,
                                  const Headers& request_headers) {
    Attributes out;
    for (const auto& [key, value] : config.static_attributes) out.set(key, std::string_view(value));
    if (config.header_prefixes.empty()) return out;
    for (const auto& [name, raw_value] : request_headers.fields()) {
        const std::string_view value = trim_ows(raw_value);
        if (is_credential(name) || !printable_ascii(value)) continue;
        if (auto key = key_for(config, name)) out.set(*key, value);
    }
    return out;
}

}  // namespace gw::telemetry
