// gw::translate complete-response and error translation for every (upstream, client) pair.
// Never crashes; an accepted response becomes one JSON object that the client API's decoder
// reads back, and every error body becomes one JSON object (whatever the upstream sent, even
// non-JSON text).

#include "gw/translate/translate.hpp"

#include "translate_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using gw::fuzz::check;
using gw::llm::ApiFormat;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view body = gw::fuzz::as_view(data, size);
    // The first byte picks the upstream's HTTP status for translate_error.
    const unsigned status = 400u + gw::fuzz::take_control(body) % 200u;
    for (auto from : gw::fuzz::kApis) {
        auto decoded = gw::translate::decode_response(from, body);
        for (auto to : gw::fuzz::kApis) {
            // Same-API pairs and a Bedrock client are never asked for by the proxy, but must not
            // crash either (a same-API error body is handed back as it came).
            const std::string error = gw::translate::translate_error(from, to, status, body);
            if (from != to) check(gw::fuzz::is_json_object(error));
            auto translated = gw::translate::translate_response(from, to, body);
            if (to == ApiFormat::BedrockConverse) {
                // Bedrock is never a client API: nothing is encoded for it.
                check(!translated);
                continue;
            }
            check(translated.has_value() == decoded.has_value());
            if (!translated) continue;
            check(gw::fuzz::is_json_object(*translated));
            // What a client of a decodable API receives, its own decoder reads back.
            if (to != ApiFormat::OpenAiResponses) {
                check(gw::translate::decode_response(to, *translated).has_value());
            }
        }
    }
    return 0;
}
