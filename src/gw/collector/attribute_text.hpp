#pragma once
// The text form of a scalar attribute value: what `planoai trace --where key=value` compares
// against and what an OTLP array of numbers becomes in a string array.

#include "gw/telemetry/attributes.hpp"

#include <optional>
#include <string>

namespace gw::collector {

// Strings as they are, integers in decimal, booleans as "true"/"false", doubles in their shortest
// round-trip form ("0.7", "1e+300") or as OTLP/JSON spells non-finite values ("NaN", "Infinity",
// "-Infinity"). nullopt for a string array, which has no scalar text.
[[nodiscard]] std::optional<std::string> scalar_text(const telemetry::AttributeValue& value);

}  // namespace gw::collector
