#include "gw/collector/attribute_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <variant>

namespace gw::collector {

std::optional<std::string> scalar_text(const telemetry::AttributeValue& value) {
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&value)) return std::string(*b ? "true" : "false");
    if (const auto* d = std::get_if<double>(&value)) {
        if (std::isnan(*d)) return std::string("NaN");
        if (std::isinf(*d)) return std::string(*d > 0 ? "Infinity" : "-Infinity");
        char buffer[32];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, *d);
        return std::string(buffer, result.ptr);
    }
    return std::nullopt;
}

}  // namespace gw::collector
