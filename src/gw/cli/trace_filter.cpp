#include "gw/cli/trace_filter.hpp"

#include <algorithm>
#include <unordered_set>

namespace gw::cli {
namespace {

// Matches `*`-separated pieces in order: the first anchored at the start, the last at the end.
bool wildcard_match(std::string_view pattern, std::string_view key) {
    const auto first_star = pattern.find('*');
    const std::string_view head = pattern.substr(0, first_star);
    if (!key.starts_with(head)) return false;
    key.remove_prefix(head.size());
    pattern.remove_prefix(first_star + 1);
    while (true) {
        const auto star = pattern.find('*');
        if (star == std::string_view::npos) {
            return key.size() >= pattern.size() && key.ends_with(pattern);
        }
        const std::string_view piece = pattern.substr(0, star);
        const auto at = key.find(piece);
        if (at == std::string_view::npos) return false;
        key.remove_prefix(at + piece.size());
        pattern.remove_prefix(star + 1);
    }
}

bool any_pattern_matches(const std::vector<std::string>& patterns, std::string_view key) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return key_matches(p, key); });
}

std::unordered_set<std::string> all_keys(const std::vector<collector::StoredTrace>& traces) {
    std::unordered_set<std::string> keys;
    for (const collector::StoredTrace& trace : traces) {
        for (const collector::StoredSpan& span : trace.spans) {
            for (const telemetry::Attribute& a : span.attributes) keys.emplace(a.key.view());
        }
    }
    return keys;
}

}  // namespace

bool key_matches(std::string_view pattern, std::string_view key) {
    if (pattern == "*") return true;
    if (pattern.find('*') == std::string_view::npos) return pattern == key;
    return wildcard_match(pattern, key);
}

KeyFilterOutcome filter_attribute_keys(std::vector<collector::StoredTrace>& traces,
                                       const std::vector<std::string>& patterns) {
    KeyFilterOutcome outcome;
    if (patterns.empty()) return outcome;
    const std::unordered_set<std::string> keys = all_keys(traces);
    std::vector<std::string> matched;
    for (const std::string& pattern : patterns) {
        const bool hit = std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
            return key_matches(pattern, key);
        });
        (hit ? matched : outcome.unmatched).push_back(pattern);
    }
    if (matched.empty()) return outcome;
    for (collector::StoredTrace& trace : traces) {
        for (collector::StoredSpan& span : trace.spans) {
            std::erase_if(span.attributes, [&](const telemetry::Attribute& a) {
                return !any_pattern_matches(matched, a.key);
            });
        }
    }
    outcome.applied = true;
    return outcome;
}

std::vector<std::string> missing_where_keys(const std::vector<collector::StoredTrace>& traces,
                                            const std::vector<collector::AttributeFilter>& where) {
    const std::unordered_set<std::string> keys = all_keys(traces);
    std::vector<std::string> missing;
    for (const collector::AttributeFilter& filter : where) {
        const bool known = keys.contains(filter.key);
        const bool listed = std::find(missing.begin(), missing.end(), filter.key) != missing.end();
        if (!known && !listed) missing.push_back(filter.key);
    }
    return missing;
}

}  // namespace gw::cli
