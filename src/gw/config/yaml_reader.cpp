#include "gw/config/yaml_reader.hpp"

#include "gw/config/env_expand.hpp"
#include "gw/config/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace gw::config::detail {
namespace {

bool parse_integer(std::string_view text, std::int64_t& out) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool parse_number(std::string_view text, double& out) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty() &&
           std::isfinite(out);
}

// yaml-cpp tags quoted scalars "!" and plain ones "?": YAML 1.2 reads only plain true/false
// as booleans, so a quoted "true" is a string.
bool is_plain(const YAML::Node& node) { return node.Tag() != "!"; }

std::string_view kind_name(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Map:
            return "a mapping";
        case YAML::NodeType::Sequence:
            return "a list";
        case YAML::NodeType::Null:
            return "null";
        default:
            return "a scalar";
    }
}

}  // namespace

Mark mark_of(const YAML::Node& node) {
    if (!node.IsDefined()) return {};  // Mark() throws on a missing key's zombie node
    return to_mark(node.Mark());
}

Mark to_mark(const YAML::Mark& mark) {
    if (mark.line < 0 || mark.column < 0) return {};
    return Mark{mark.line + 1, mark.column + 1};
}

std::string child_path(std::string_view parent, std::string_view key) {
    if (parent.empty()) return std::string(key);
    return fmt::format("{}.{}", parent, key);
}

std::string item_path(std::string_view parent, std::size_t index) {
    return fmt::format("{}[{}]", parent, index);
}

void NodeReader::error(const YAML::Node& at, std::string key, std::string message) {
    diagnostics_.error(mark_of(at), std::move(key), std::move(message));
}

bool NodeReader::expect_map(const YAML::Node& node, std::string_view path, KeyNames allowed) {
    if (node.IsNull()) return true;
    if (!node.IsMap()) {
        error(node, std::string(path), fmt::format("expected a mapping, got {}", kind_name(node)));
        return false;
    }
    std::set<std::string, std::less<>> seen;
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        const std::string key_path = child_path(path, key);
        if (!seen.insert(key).second) {
            error(entry.first, key_path, "duplicate key");
        } else if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            const auto hint = closest_match(key, allowed);
            error(entry.first, key_path,
                  hint ? fmt::format("unknown key (did you mean '{}'?)", *hint)
                       : fmt::format("unknown key (expected one of: {})", join_names(allowed)));
        }
    }
    return true;
}

bool NodeReader::expect_list(const YAML::Node& node, std::string_view path) {
    if (node.IsNull() || node.IsSequence()) return true;
    error(node, std::string(path), fmt::format("expected a list, got {}", kind_name(node)));
    return false;
}

bool NodeReader::require(const YAML::Node& map, std::string_view path, std::string_view key) {
    if (!map.IsMap() || map[std::string(key)].IsDefined()) return true;
    error(map, child_path(path, key), "required key is missing");
    return false;
}

std::optional<std::string> NodeReader::scalar_text(const YAML::Node& node, std::string_view path,
                                                   std::string_view expected) {
    if (!node.IsDefined()) return std::nullopt;
    if (!node.IsScalar()) {
        error(node, std::string(path),
              fmt::format("expected {}, got {}", expected, kind_name(node)));
        return std::nullopt;
    }
    Expansion expanded = expand_env(node.Scalar(), env_);
    for (const std::string& name : expanded.missing) {
        error(node, std::string(path),
              fmt::format("environment variable {} is not set (set it or add it to .env beside "
                          "the config)",
                          name));
    }
    if (!expanded.missing.empty()) return std::nullopt;
    return std::move(expanded.value);
}

std::optional<std::string> NodeReader::string(const YAML::Node& node, std::string_view path) {
    return scalar_text(node, path, "a string");
}

std::optional<bool> NodeReader::boolean(const YAML::Node& node, std::string_view path) {
    auto text = scalar_text(node, path, "a boolean");
    if (!text) return std::nullopt;
    if (is_plain(node)) {
        if (*text == "true" || *text == "True" || *text == "TRUE") return true;
        if (*text == "false" || *text == "False" || *text == "FALSE") return false;
    }
    error(node, std::string(path), fmt::format("expected true or false, got '{}'", *text));
    return std::nullopt;
}

std::optional<std::int64_t> NodeReader::integer(const YAML::Node& node, std::string_view path,
                                                std::int64_t min, std::int64_t max) {
    auto text = scalar_text(node, path, "an integer");
    if (!text) return std::nullopt;
    std::int64_t value = 0;
    if (!parse_integer(*text, value)) {
        error(node, std::string(path), fmt::format("expected an integer, got '{}'", *text));
        return std::nullopt;
    }
    if (value < min || value > max) {
        error(node, std::string(path),
              fmt::format("{} is out of range (expected {}..{})", value, min, max));
        return std::nullopt;
    }
    return value;
}

std::optional<double> NodeReader::number(const YAML::Node& node, std::string_view path, double min,
                                         double max) {
    auto text = scalar_text(node, path, "a number");
    if (!text) return std::nullopt;
    double value = 0;
    if (!parse_number(*text, value)) {
        error(node, std::string(path), fmt::format("expected a number, got '{}'", *text));
        return std::nullopt;
    }
    if (value < min || value > max) {
        error(node, std::string(path),
              fmt::format("{} is out of range (expected {}..{})", *text, min, max));
        return std::nullopt;
    }
    return value;
}

std::optional<std::chrono::milliseconds> NodeReader::duration(const YAML::Node& node,
                                                              std::string_view path) {
    auto text = scalar_text(node, path, "a duration");
    if (!text) return std::nullopt;
    auto value = parse_duration(*text);
    if (!value) {
        error(node, std::string(path),
              fmt::format("invalid duration '{}' (expected e.g. 300s, 250ms, 2m, 1h or a number "
                          "of seconds)",
                          *text));
    }
    return value;
}

std::optional<std::string> NodeReader::one_of(const YAML::Node& node, std::string_view path,
                                              KeyNames allowed) {
    auto text = string(node, path);
    if (!text) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return text;
    const auto hint = closest_match(*text, allowed);
    error(
        node, std::string(path),
        hint ? fmt::format("invalid value '{}' (did you mean '{}'?)", *text, *hint)
             : fmt::format("invalid value '{}' (expected one of: {})", *text, join_names(allowed)));
    return std::nullopt;
}

std::optional<std::vector<std::string>> NodeReader::string_list(const YAML::Node& node,
                                                                std::string_view path) {
    if (!node.IsDefined() || !expect_list(node, path)) return std::nullopt;
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < node.size(); ++i) {
        auto value = string(node[i], item_path(path, i));
        ok = ok && value.has_value();
        if (value) out.push_back(std::move(*value));
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<StringPairs> NodeReader::string_map(const YAML::Node& node, std::string_view path) {
    if (!node.IsDefined()) return std::nullopt;
    if (!node.IsNull() && !node.IsMap()) {
        error(node, std::string(path), fmt::format("expected a mapping, got {}", kind_name(node)));
        return std::nullopt;
    }
    StringPairs out;
    bool ok = true;
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        auto value = string(entry.second, child_path(path, key));
        ok = ok && value.has_value();
        if (value) out.emplace_back(key, std::move(*value));
    }
    if (!ok) return std::nullopt;
    return out;
}

}  // namespace gw::config::detail
