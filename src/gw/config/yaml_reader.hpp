#pragma once
// Typed, position-aware access to YAML nodes. Every read reports its own problems (wrong type,
// unknown key, unset variable) to Diagnostics and returns nullopt, so callers simply skip the
// field and keep going: one pass finds every error in the file.

#include "gw/config/diagnostics.hpp"
#include "gw/config/load.hpp"
#include "gw/config/model.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gw::config::detail {

using KeyNames = std::span<const std::string_view>;

// 1-based position of `node` / of yaml-cpp's 0-based mark; {0, 0} when there is none.
Mark mark_of(const YAML::Node& node);
Mark to_mark(const YAML::Mark& mark);

// "a.b" / "a[3]" key paths as printed in errors.
std::string child_path(std::string_view parent, std::string_view key);
std::string item_path(std::string_view parent, std::size_t index);

class NodeReader {
  public:
    NodeReader(Diagnostics& diagnostics, const Environment& env)
        : diagnostics_(diagnostics), env_(env) {}

    Diagnostics& diagnostics() { return diagnostics_; }
    void error(const YAML::Node& at, std::string key, std::string message);

    // A mapping whose keys are all in `allowed` (a null value counts as an empty mapping).
    // Unknown and duplicate keys are reported; returns false only when it is not a mapping.
    bool expect_map(const YAML::Node& node, std::string_view path, KeyNames allowed);
    // A sequence (null counts as empty); reports and returns false otherwise.
    bool expect_list(const YAML::Node& node, std::string_view path);
    // Reports `path.key` as missing when `map` lacks it.
    bool require(const YAML::Node& map, std::string_view path, std::string_view key);

    // Scalars, with $VAR / ${VAR} expanded. Undefined nodes yield nullopt silently.
    std::optional<std::string> string(const YAML::Node& node, std::string_view path);
    std::optional<bool> boolean(const YAML::Node& node, std::string_view path);
    std::optional<std::int64_t> integer(const YAML::Node& node, std::string_view path,
                                        std::int64_t min, std::int64_t max);
    std::optional<double> number(const YAML::Node& node, std::string_view path, double min,
                                 double max);
    std::optional<std::chrono::milliseconds> duration(const YAML::Node& node,
                                                      std::string_view path);
    // A string that must be one of `allowed` (with a did-you-mean hint otherwise).
    std::optional<std::string> one_of(const YAML::Node& node, std::string_view path,
                                      KeyNames allowed);
    std::optional<std::vector<std::string>> string_list(const YAML::Node& node,
                                                        std::string_view path);
    // A string -> string mapping, in file order.
    std::optional<StringPairs> string_map(const YAML::Node& node, std::string_view path);

  private:
    std::optional<std::string> scalar_text(const YAML::Node& node, std::string_view path,
                                           std::string_view expected);

    Diagnostics& diagnostics_;
    const Environment& env_;
};

}  // namespace gw::config::detail
