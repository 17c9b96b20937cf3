#pragma once
// What `planoai trace` does to traces after the store returned them: `--filter` keeps only the
// attributes whose keys match, and `--where` keys are checked against the data so a typo gets an
// error instead of an empty answer. Pure.

#include "gw/collector/trace_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gw::cli {

// `*` alone matches every key; a pattern without `*` is an exact match; otherwise `*` matches any
// run of characters and the pattern is anchored at both ends (so `http.*` is a prefix match).
[[nodiscard]] bool key_matches(std::string_view pattern, std::string_view key);

struct KeyFilterOutcome {
    std::vector<std::string> unmatched;  // patterns that matched no attribute key of any span
    bool applied = false;  // false when no pattern matched anything: attributes left unfiltered
};

// Keeps, on every span, only the attributes matching one of `patterns` (all when empty). When no
// pattern matches any key the traces are returned unfiltered, as the reference's warning says.
KeyFilterOutcome filter_attribute_keys(std::vector<collector::StoredTrace>& traces,
                                       const std::vector<std::string>& patterns);

// The `--where` keys that appear as an attribute key on no span of `traces`, in filter order.
[[nodiscard]] std::vector<std::string> missing_where_keys(
    const std::vector<collector::StoredTrace>& traces,
    const std::vector<collector::AttributeFilter>& where);

}  // namespace gw::cli
