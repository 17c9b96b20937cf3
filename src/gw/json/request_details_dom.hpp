#pragma once
// Internal to gw_json: RequestDetails from an already parsed request, so that a traced request's
// body is parsed once for both its routing fields and its span details.

#include "gw/json/request_details.hpp"

#include <simdjson.h>

namespace gw::json::detail {

[[nodiscard]] RequestDetails details_of(const simdjson::dom::object& root, llm::ApiFormat api);

}  // namespace gw::json::detail
