#pragma once
// The JSON text the SQLite store keeps in its attribute and event columns. Attributes are one
// object, key -> value, in attribute order, so SQL can reach a value with
// json_extract(attributes, '$."key"'). Values keep their type: strings, integers, doubles (always
// written with an exponent or fraction, so they read back as doubles), booleans, string arrays;
// a non-finite double, which JSON cannot hold, is {"double":"NaN"|"Infinity"|"-Infinity"}.

#include "gw/base/result.hpp"
#include "gw/collector/stored_span.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gw::collector {

[[nodiscard]] std::string attributes_to_json(const AttributeList& attributes);
[[nodiscard]] Result<AttributeList> attributes_from_json(std::string_view json);

// An array of {"name", "time_unix_nano", "attributes"} objects.
[[nodiscard]] std::string events_to_json(const std::vector<StoredEvent>& events);
[[nodiscard]] Result<std::vector<StoredEvent>> events_from_json(std::string_view json);

}  // namespace gw::collector
