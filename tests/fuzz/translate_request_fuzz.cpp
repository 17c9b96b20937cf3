// gw::translate request translation for every (client, upstream) pair. Never crashes; a body it
// accepts becomes one JSON object that names the provider's model and that the upstream API's
// own decoder accepts again (what we send a provider is a valid request of its API). Bedrock
// Converse requests, which nothing decodes, must have `messages` and no `model`.

#include "gw/translate/translate.hpp"

#include "translate_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using gw::fuzz::check;
constexpr std::string_view kModel = "fuzz-model";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view body = gw::fuzz::as_view(data, size);
    const gw::translate::RequestOptions options{.model_id = kModel, .default_max_tokens = 1024};
    for (auto from : gw::fuzz::kApis) {
        auto decoded = gw::translate::decode_request(from, body);
        for (auto to : gw::fuzz::kApis) {
            auto translated = gw::translate::translate_request(from, to, body, options);
            if (!gw::translate::can_translate(from, to)) {
                check(!translated);
                continue;
            }
            // translate_request is decode_request + encode_request.
            check(translated.has_value() == decoded.has_value());
            if (!translated) continue;
            check(gw::fuzz::is_json_object(*translated));
            if (to == gw::llm::ApiFormat::BedrockConverse) {
                check(gw::fuzz::is_converse_request(*translated));
                continue;
            }
            auto again = gw::translate::decode_request(to, *translated);
            check(again.has_value());
            check(again->model == kModel);
        }
    }
    return 0;
}
