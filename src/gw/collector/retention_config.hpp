#pragma once
// The collector's retention settings as the user writes them: `--max-traces` /
// PLANO_TRACE_MAX_TRACES (a count, 0 = no limit) and `--max-age` / PLANO_TRACE_MAX_AGE (a duration
// such as 7d, 12h, 30m, 90s; 0 = no limit). A flag wins over the variable, the variable over the
// default.

#include "gw/base/result.hpp"
#include "gw/collector/trace_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gw::collector {

inline constexpr std::size_t kDefaultMaxTraces = 10'000;
inline constexpr std::chrono::hours kDefaultMaxAge{7 * 24};
inline constexpr std::string_view kMaxTracesEnv = "PLANO_TRACE_MAX_TRACES";
inline constexpr std::string_view kMaxAgeEnv = "PLANO_TRACE_MAX_AGE";

// "<digits><unit>" with unit s, m, h or d, or a bare "0". Errors are InvalidArgument naming the
// accepted forms.
[[nodiscard]] Result<std::chrono::nanoseconds> parse_max_age(std::string_view text);
[[nodiscard]] Result<std::size_t> parse_max_traces(std::string_view text);

// Each argument is the flag's text when given, else the variable's value when set, else nullopt.
[[nodiscard]] Result<RetentionPolicy> resolve_retention(std::optional<std::string> max_traces,
                                                        std::optional<std::string> max_age);

// "7d", "12h", "90s", "0" (no limit): for messages.
[[nodiscard]] std::string describe_age(std::chrono::nanoseconds age);

}  // namespace gw::collector
