#include "gw/config/load.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

namespace gw::config {
namespace {

// Milliseconds per unit suffix; a bare number means seconds, as in the reference's Envoy durations.
std::optional<double> unit_millis(std::string_view unit) {
    if (unit == "ms") return 1.0;
    if (unit.empty() || unit == "s") return 1000.0;
    if (unit == "m") return 60'000.0;
    if (unit == "h") return 3'600'000.0;
    return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    double amount = 0;
    const char* end = text.data() + text.size();
    auto [rest, ec] = std::from_chars(text.data(), end, amount);
    if (ec != std::errc() || rest == text.data() || amount < 0 || !std::isfinite(amount)) {
        return std::nullopt;
    }
    auto millis = unit_millis(std::string_view(rest, static_cast<std::size_t>(end - rest)));
    if (!millis) return std::nullopt;
    const double total = std::round(amount * *millis);
    if (total > 1e15) return std::nullopt;  // beyond any sensible timeout; avoids overflow
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(total));
}

}  // namespace gw::config
