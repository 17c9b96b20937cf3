#pragma once
// Reads one top-level member of a JSON object as compact JSON text, e.g. the `response` object of
// a Responses stream event. Never fails: unreadable input or a missing member gives nullopt.

#include <optional>
#include <string>
#include <string_view>

namespace gw::json {

std::optional<std::string> member_json(std::string_view json_object, std::string_view key);

}  // namespace gw::json
