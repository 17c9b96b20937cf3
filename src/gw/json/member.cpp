#include "gw/json/member.hpp"

#include "gw/json/padded_input.hpp"

#include <simdjson.h>

namespace gw::json {

std::optional<std::string> member_json(std::string_view json_object, std::string_view key) {
    detail::ParseInput<simdjson::dom::parser> input(json_object);
    simdjson::dom::object root;
    if (input.parser().parse(input.view()).get_object().get(root) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    simdjson::dom::element member;
    if (root.at_key(key).get(member) != simdjson::SUCCESS) return std::nullopt;
    return simdjson::minify(member);
}

}  // namespace gw::json
