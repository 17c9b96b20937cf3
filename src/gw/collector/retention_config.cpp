#include "gw/collector/retention_config.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>

namespace gw::collector {
namespace {

std::optional<std::uint64_t> parse_digits(std::string_view digits) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> unit_seconds(char unit) {
    switch (unit) {
        case 's':
            return 1;
        case 'm':
            return 60;
        case 'h':
            return 3600;
        case 'd':
            return 86400;
        default:
            return std::nullopt;
    }
}

}  // namespace

Result<std::chrono::nanoseconds> parse_max_age(std::string_view text) {
    auto bad = [&] {
        return Error::invalid(fmt::format(
            "invalid max age '{}': use a number with a unit s, m, h or d (e.g. 7d, 12h), or 0 "
            "for no age limit",
            text));
    };
    if (text == "0") return std::chrono::nanoseconds{0};
    if (text.size() < 2) return bad();
    std::optional<std::int64_t> unit = unit_seconds(text.back());
    std::optional<std::uint64_t> count = parse_digits(text.substr(0, text.size() - 1));
    if (!unit || !count) return bad();
    // Anything beyond ~290 years of nanoseconds overflows: treat it as an error, not a wrap.
    constexpr std::uint64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;
    if (*count > kMaxSeconds / static_cast<std::uint64_t>(*unit)) return bad();
    return std::chrono::seconds(static_cast<std::int64_t>(*count) * *unit);
}

Result<std::size_t> parse_max_traces(std::string_view text) {
    std::optional<std::uint64_t> count = parse_digits(text);
    if (!count || *count > std::numeric_limits<std::size_t>::max()) {
        return Error::invalid(fmt::format(
            "invalid max traces '{}': use a whole number (0 for no count limit)", text));
    }
    return static_cast<std::size_t>(*count);
}

Result<RetentionPolicy> resolve_retention(std::optional<std::string> max_traces,
                                          std::optional<std::string> max_age) {
    RetentionPolicy policy{kDefaultMaxTraces, kDefaultMaxAge};
    if (max_traces) {
        Result<std::size_t> count = parse_max_traces(*max_traces);
        if (!count) return count.error();
        policy.max_traces = *count;
    }
    if (max_age) {
        Result<std::chrono::nanoseconds> age = parse_max_age(*max_age);
        if (!age) return age.error();
        policy.max_age = *age;
    }
    return policy;
}

std::string describe_age(std::chrono::nanoseconds age) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(age).count();
    if (seconds == 0) return "0";
    if (seconds % 86400 == 0) return fmt::format("{}d", seconds / 86400);
    if (seconds % 3600 == 0) return fmt::format("{}h", seconds / 3600);
    if (seconds % 60 == 0) return fmt::format("{}m", seconds / 60);
    return fmt::format("{}s", seconds);
}

}  // namespace gw::collector
