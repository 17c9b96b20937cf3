#include "gw/cli/trace_options.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>

namespace gw::cli {
namespace {

std::string_view trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

bool is_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

bool all_zero(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == '0'; });
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

bool is_where_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '.' || c == ':' || c == '-';
    });
}

Result<std::vector<std::string>> split_patterns(const std::vector<std::string>& values) {
    std::vector<std::string> patterns;
    for (const std::string& value : values) {
        std::string_view rest = value;
        while (true) {
            const auto comma = rest.find(',');
            const std::string_view token = trim(rest.substr(0, comma));
            if (token.empty()) return Error::invalid("Filter contains empty tokens.");
            patterns.emplace_back(token);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    return patterns;
}

std::optional<collector::AttributeFilter> parse_where(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || text.find('=', eq + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view key = trim(text.substr(0, eq));
    const std::string_view value = trim(text.substr(eq + 1));
    if (!is_where_key(key) || value.empty()) return std::nullopt;
    return collector::AttributeFilter{std::string(key), std::string(value)};
}

Result<std::vector<collector::AttributeFilter>> parse_where_list(
    const std::vector<std::string>& values) {
    std::vector<collector::AttributeFilter> filters;
    std::vector<std::string> bad;
    for (const std::string& value : values) {
        if (auto filter = parse_where(value)) {
            filters.push_back(std::move(*filter));
        } else {
            bad.push_back(value);
        }
    }
    if (!bad.empty()) {
        return Error::invalid("Invalid --where filter(s): " + join(bad, ", ") + ". Use key=value.");
    }
    return filters;
}

// Fills the target fields from an explicit TARGET word.
Result<void> parse_target(std::string_view target, TraceRequest& request) {
    if (target == "last" || target == "any") {
        request.target = target == "last" ? TargetKind::Last : TargetKind::Any;
        return {};
    }
    if (target.size() == 8) {
        if (!is_hex(target) || all_zero(target)) {
            return Error::invalid("Short trace ID must be 8 hex characters.");
        }
        request.target = TargetKind::ShortId;
    } else if (target.size() == 32) {
        if (!is_hex(target) || all_zero(target)) {
            return Error::invalid("Trace ID must be 32 hex characters.");
        }
        request.target = TargetKind::FullId;
    } else {
        return Error::invalid("Trace ID must be 8 or 32 hex characters.");
    }
    // The store keeps ids in lowercase; unlike the reference, a full id matches in any case.
    request.trace_id = lowercase(target);
    return {};
}

}  // namespace

Result<std::chrono::seconds> parse_since(std::string_view text) {
    const std::string hint = "Invalid --since value '" + std::string(text) +
                             "': use seconds or a number with a unit s, m, h or d "
                             "(e.g. 90, 30s, 5m, 2h, 1d).";
    std::int64_t count = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, count);
    if (ec != std::errc{} || ptr == text.data() || count <= 0) return Error::invalid(hint);
    const std::string_view unit(ptr, static_cast<std::size_t>(end - ptr));
    std::int64_t scale = 0;
    if (unit.empty() || unit == "s") {
        scale = 1;
    } else if (unit == "m") {
        scale = 60;
    } else if (unit == "h") {
        scale = 3600;
    } else if (unit == "d") {
        scale = 86400;
    } else {
        return Error::invalid(hint);
    }
    // Beyond this the window reaches before the epoch; nanosecond timestamps overflow anyway.
    constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;
    if (count > kMaxSeconds / scale) return Error::invalid(hint);
    return std::chrono::seconds{count * scale};
}

Result<TraceRequest> make_trace_request(const TraceArgs& args) {
    TraceRequest request;
    auto patterns = split_patterns(args.filter);
    if (!patterns) return patterns.error();
    request.key_patterns = std::move(*patterns);
    auto where = parse_where_list(args.where);
    if (!where) return where.error();
    request.where = std::move(*where);
    if (args.limit < 0) return Error::invalid("Limit must be greater than or equal to 0.");
    request.limit = static_cast<std::size_t>(args.limit);
    if (args.since) {
        auto since = parse_since(*args.since);
        if (!since) return since.error();
        request.since = *since;
    }
    request.list = args.list;
    request.json = args.json;
    request.verbose = args.verbose;
    request.no_interactive = args.no_interactive;

    if (!args.target) {
        const bool any = args.list || args.since || args.limit > 0;
        request.target = any ? TargetKind::Any : TargetKind::Last;
        return request;
    }
    request.target_given = true;
    const bool specific = *args.target != "last" && *args.target != "any";
    if (args.list && specific) return Error::invalid("Target and --list cannot be used together.");
    if (Result<void> r = parse_target(*args.target, request); !r) return r.error();
    return request;
}

bool use_color(bool stdout_is_terminal, const char* no_color_env) {
    return stdout_is_terminal && no_color_env == nullptr;
}

bool wants_picker(const TraceRequest& request, bool interactive_terminal) {
    return interactive_terminal && !request.target_given && !request.no_interactive &&
           !request.json && request.target == TargetKind::Any;
}

std::optional<std::size_t> parse_choice(std::string_view line, std::size_t count) {
    line = trim(line);
    std::size_t number = 0;
    const char* end = line.data() + line.size();
    const auto [ptr, ec] = std::from_chars(line.data(), end, number);
    if (ec != std::errc{} || ptr != end || line.empty() || number == 0 || number > count) {
        return std::nullopt;
    }
    return number - 1;
}

}  // namespace gw::cli
