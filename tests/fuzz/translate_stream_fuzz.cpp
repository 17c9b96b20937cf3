// gw::translate::StreamTranslator for every (upstream, client) pair the proxy can build. The
// first input byte picks a split point; the rest is the upstream's SSE body. Fed whole or in
// two slices, the client bytes must be identical; they must be well-formed SSE whose every event
// carries one JSON object (or Chat's "[DONE]"); and breaking off the stream with fail() at the
// split point must not crash and must also leave well-formed SSE. Bedrock Converse upstreams
// take their events SSE-framed here (`event:` the :event-type, `data:` the payload), which is
// what StreamTranslator::feed_event hands the same decoder.

#include "gw/sse/scanner.hpp"
#include "gw/translate/translate.hpp"

#include "support/synthesised_id.hpp"
#include "translate_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using gw::fuzz::check;
using gw::llm::ApiFormat;

// Every event of `sse` is complete and holds JSON (the client parses each one).
void check_client_stream(std::string_view sse, ApiFormat client) {
    gw::sse::SseScanner scanner;
    bool ok = true;
    scanner.feed(sse, [&](const gw::sse::SseEvent& event) {
        if (client == ApiFormat::OpenAiChat && event.data == "[DONE]") return;
        ok = ok && gw::fuzz::is_json_object(event.data);
    });
    check(ok);
    check(!scanner.failed());
    check(scanner.at_event_boundary());
}

// Bedrock streams name no answer: each translation synthesises an id, which is normalised so
// two runs compare equal.
std::string translate(ApiFormat upstream, ApiFormat client, std::string_view body, size_t split) {
    gw::translate::StreamTranslator translator(upstream, client);
    std::string out;
    translator.feed(body.substr(0, split), out);
    translator.feed(body.substr(split), out);
    translator.finish(out);
    if (upstream == ApiFormat::BedrockConverse) return gw::testing::without_synthesised_id(out);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view body = gw::fuzz::as_view(data, size);
    const uint8_t control = gw::fuzz::take_control(body);
    const size_t split = gw::fuzz::split_point(control, body.size());
    for (auto upstream : gw::fuzz::kApis) {
        for (auto client : gw::fuzz::kApis) {
            // A client's request goes to the upstream translated: that pair streams back.
            // Bedrock is never a client.
            if (client == ApiFormat::BedrockConverse) continue;
            if (!gw::translate::can_translate(client, upstream)) continue;
            std::string whole = translate(upstream, client, body, body.size());
            const std::string sliced = translate(upstream, client, body, split);
            // A stream whose upstream gave no creation time is stamped with the clock's second,
            // which may tick between two runs: on a mismatch the whole feed is run once more, and
            // only a difference that persists counts.
            if (whole != sliced) whole = translate(upstream, client, body, body.size());
            check(whole == sliced);
            check_client_stream(whole, client);

            gw::translate::StreamTranslator broken(upstream, client);
            std::string out;
            broken.feed(body.substr(0, split), out);
            broken.fail("upstream connection lost", out);
            check_client_stream(out, client);
        }
    }
    return 0;
}
