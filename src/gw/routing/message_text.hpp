#pragma once
// The plain text of a message as every routing decision reads it: its text parts joined by "\n"
// (images, tool calls and tool results are not text), as the reference flattens content.

#include "gw/translate/ir.hpp"

#include <string>
#include <vector>

namespace gw::routing {

[[nodiscard]] std::string joined_text(const std::vector<translate::ContentPart>& parts);

}  // namespace gw::routing
