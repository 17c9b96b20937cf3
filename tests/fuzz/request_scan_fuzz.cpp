// gw::json's readers of request and response bodies (scan_request, read_response_meta and the
// smaller helpers) on arbitrary bytes. Never crashes, and a body scan_request accepts is valid
// JSON (simdjson's DOM parser agrees); replacing its model keeps it valid and scan_request then
// reads the new model and the same other fields. The overload that also reads the span's details
// accepts and reads the same.

#include "gw/json/member.hpp"
#include "gw/json/request_details.hpp"
#include "gw/json/request_scan.hpp"
#include "gw/json/splice.hpp"
#include "gw/json/usage.hpp"

#include "translate_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using gw::fuzz::check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view body = gw::fuzz::as_view(data, size);

    // These read leniently (simdjson On-Demand: they may answer from a prefix of a malformed
    // body), so only their safety is checked.
    (void)gw::json::read_response_meta(body);
    (void)gw::json::states_finish_reason(body);
    (void)gw::json::member_json(body, "response");

    auto fields = gw::json::scan_request(body);
    for (auto api : gw::fuzz::kApis) {
        gw::json::RequestDetails together;
        auto with_details = gw::json::scan_request(body, api, together);
        check(with_details.has_value() == fields.has_value());
        if (!fields) continue;
        check(with_details->model == fields->model);
        check(with_details->stream == fields->stream);
        check(with_details->include_usage == fields->include_usage);
        check(with_details->max_tokens == fields->max_tokens);
    }
    if (!fields) return 0;
    check(gw::fuzz::is_json_object(body));
    const std::string replaced = gw::json::replace_string_field(body, "model", "fuzz/\"model\"\n");
    check(gw::fuzz::is_json_object(replaced));
    auto rescanned = gw::json::scan_request(replaced);
    check(rescanned.has_value());
    check(rescanned->model == std::string("fuzz/\"model\"\n"));
    check(rescanned->stream == fields->stream);
    check(rescanned->has_stream_options == fields->has_stream_options);
    check(rescanned->include_usage == fields->include_usage);
    check(rescanned->max_tokens == fields->max_tokens);
    check(rescanned->previous_response_id == fields->previous_response_id);
    return 0;
}
