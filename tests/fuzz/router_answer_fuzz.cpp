// gw::routing's readers of untrusted bytes: the router model's answer (parse_router_answer) and
// a client body's inline routing_preferences (take_inline_preferences), plus the middle-trim the
// prompt applies to client text. Never crashes; a chosen route is one of the offered routes;
// every error is worded as documented; a stripped body is still one JSON object, without the
// member, and shorter.

#include "gw/json/splice.hpp"
#include "gw/routing/inline_preferences.hpp"
#include "gw/routing/router_answer.hpp"
#include "gw/routing/router_prompt.hpp"

#include "translate_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using gw::fuzz::check;

const std::vector<gw::routing::RouteSpec> kRoutes = {{"code", "writing code"},
                                                     {"Image generation", "images"}};

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

void check_answer(unsigned status, std::string_view body) {
    auto answer = gw::routing::parse_router_answer(status, body, kRoutes);
    if (status < 200 || status > 299) {
        check(!answer && starts_with(answer.error().message, "Upstream returned "));
        return;
    }
    if (!answer) {
        const std::string& message = answer.error().message;
        check(starts_with(message, "Failed to parse JSON response: ") ||
              starts_with(message, "Orchestrator model error: Failed to parse JSON: "));
        return;
    }
    if (*answer) check(**answer == "code" || **answer == "Image generation");
}

void check_inline_preferences(std::string_view body) {
    auto taken = gw::routing::take_inline_preferences(body);
    if (!taken) {
        check(starts_with(taken.error().message, "invalid `routing_preferences"));
        return;
    }
    if (!*taken) return;
    const std::string& stripped = (*taken)->stripped_body;
    check(stripped.size() < body.size());
    check(!gw::json::remove_field(stripped, "routing_preferences").has_value());
    if (gw::fuzz::is_json_object(body)) check(gw::fuzz::is_json_object(stripped));
    for (const auto& preference : (*taken)->preferences) {
        check(!preference.name.empty() && !preference.models.empty());
    }
}

void check_trim(std::string_view text, size_t max_bytes) {
    const std::string trimmed = gw::routing::trim_middle(text, max_bytes);
    check(trimmed.size() <= max_bytes);
    if (text.size() <= max_bytes) check(trimmed == text);
    if (text.size() > max_bytes && max_bytes > 3) {
        check(trimmed.find("\xE2\x80\xA6") != std::string::npos);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view body = gw::fuzz::as_view(data, size);
    // The first byte picks the router's status: even bytes 200, odd ones 400..599.
    const uint8_t control = gw::fuzz::take_control(body);
    check_answer(control % 2 == 0 ? 200U : 400U + control % 200U, body);
    check_inline_preferences(body);
    check_trim(body, gw::fuzz::split_point(control, body.size()));
    return 0;
}
