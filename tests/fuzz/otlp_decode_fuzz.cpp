// The collector's OTLP decoders (protobuf and JSON ExportTraceServiceRequest) on untrusted bytes.
// Every input goes to both. Never crashes; a batch either fails as a whole or every span in it
// meets the decoders' documented guarantees (valid ids, known kind and status, UTF-8 strings,
// unique attribute keys).

#include "gw/collector/otlp_decode.hpp"
#include "gw/collector/otlp_json_decode.hpp"
#include "gw/telemetry/utf8.hpp"

#include "fuzz_util.hpp"
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using gw::fuzz::check;
using gw::telemetry::is_valid_utf8;

void check_attributes(const gw::collector::AttributeList& list) {
    std::set<std::string_view> keys;
    for (const auto& attribute : list) {
        check(keys.insert(attribute.key.view()).second);
        check(is_valid_utf8(attribute.key.view()));
        if (const auto* text = std::get_if<std::string>(&attribute.value)) {
            check(is_valid_utf8(*text));
        } else if (const auto* array = std::get_if<gw::telemetry::StringArray>(&attribute.value)) {
            for (const auto& item : *array) check(is_valid_utf8(item));
        }
    }
}

void check_batch(const gw::Result<std::vector<gw::collector::StoredSpan>>& batch) {
    if (!batch) {
        check(batch.error().kind == gw::Error::Kind::Protocol);
        return;
    }
    for (const auto& span : *batch) {
        check(span.trace_id.valid());
        check(span.span_id.valid());
        check(static_cast<unsigned>(span.kind) <= 5);
        check(static_cast<unsigned>(span.status.code) <= 2);
        check(is_valid_utf8(span.name));
        check(is_valid_utf8(span.trace_state));
        check(is_valid_utf8(span.status.message));
        check(is_valid_utf8(span.service_name));
        check_attributes(span.attributes);
        check_attributes(span.resource_attributes);
        for (const auto& event : span.events) {
            check(is_valid_utf8(event.name));
            check_attributes(event.attributes);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes = gw::fuzz::as_view(data, size);
    check_batch(gw::collector::decode_export_request(bytes));
    check_batch(gw::collector::decode_export_request_json(bytes));
    return 0;
}
