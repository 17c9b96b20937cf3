#pragma once
// `planoai trace` options: the raw values the command line gave (TraceArgs) and their validated
// form (TraceRequest). Pure: no I/O, no clock; error messages are the reference CLI's where it has
// one (cli.md §3.3), so scripts written against it keep matching.

#include "gw/base/result.hpp"
#include "gw/collector/trace_store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::cli {

struct TraceArgs {
    std::optional<std::string> target{};  // last | any | 8-hex short id | 32-hex full id
    std::vector<std::string> where{};     // KEY=VALUE, each repeatable
    std::vector<std::string> filter{};    // attribute key patterns, repeatable and comma lists
    std::optional<std::string> since{};   // 90, 30s, 5m, 2h, 1d
    long long limit = 0;                  // 0: no limit
    bool list = false;
    bool json = false;
    bool verbose = false;
    bool no_interactive = false;
};

enum class TargetKind { Last, Any, ShortId, FullId };

struct TraceRequest {
    TargetKind target = TargetKind::Last;
    // The user named the target; without one the picker may ask (see wants_picker()).
    bool target_given = false;
    std::string trace_id;  // lowercase hex; ShortId: 8 digits, FullId: 32
    std::vector<collector::AttributeFilter> where;
    std::vector<std::string> key_patterns;  // --filter, split and trimmed
    std::optional<std::chrono::seconds> since;
    std::size_t limit = 0;
    bool list = false;
    bool json = false;
    bool verbose = false;
    bool no_interactive = false;
};

// Validates in the reference's order: --filter, --where, --limit, --since, target, --list.
[[nodiscard]] Result<TraceRequest> make_trace_request(const TraceArgs& args);

// A time window: plain seconds ("90") or a number with a unit s, m, h or d ("5m"). Zero,
// negative, fractional or unknown units are errors (the reference ignored them silently).
[[nodiscard]] Result<std::chrono::seconds> parse_since(std::string_view text);

// Colour only on a terminal, and never when NO_COLOR is set (to anything, even empty).
[[nodiscard]] bool use_color(bool stdout_is_terminal, const char* no_color_env);

// The picker is offered on a terminal when the user named no trace, did not opt out, wants text,
// and the options made the target "any" (--list, --since or --limit).
[[nodiscard]] bool wants_picker(const TraceRequest& request, bool interactive_terminal);

// A picker answer: "3" -> index 2 for a list of `count`; nullopt for anything else.
[[nodiscard]] std::optional<std::size_t> parse_choice(std::string_view line, std::size_t count);

}  // namespace gw::cli
