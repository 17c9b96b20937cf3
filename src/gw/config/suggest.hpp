#pragma once
// "did you mean" hints for misspelled keys and enum values.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gw::config::detail {

// Levenshtein distance with adjacent transpositions counted as one edit, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate when it is a plausible typo of `word` (at most 2 edits, 1 for short
// words), else nullopt.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);

// Comma-separated candidates: "a, b, c".
std::string join_names(std::span<const std::string_view> names);

}  // namespace gw::config::detail
