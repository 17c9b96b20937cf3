// The stream decoders' fast path against their DOM path (stream_fast_read.hpp): the input's SSE
// events, fed to a Chat and a Messages decoder of each kind, must give the encoder the same
// calls. The first input byte picks the upstream; events repeat so learnt envelopes are used.

#include "gw/sse/scanner.hpp"
#include "gw/translate/stream_codecs.hpp"

#include "fuzz_util.hpp"
#include "support/recording_stream_encoder.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using gw::translate::detail::DecodePath;

std::string decode(bool chat, DecodePath path, std::string_view body) {
    auto decoder = chat ? gw::translate::detail::make_chat_stream_decoder(path)
                        : gw::translate::detail::make_messages_stream_decoder(path);
    gw::testing::RecordingStreamEncoder encoder;
    std::string calls;
    gw::sse::SseScanner scanner;
    scanner.feed(body, [&](const gw::sse::SseEvent& event) {
        decoder->on_event(event, encoder, calls);
        decoder->on_event(event, encoder, calls);
    });
    return calls;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view body = gw::fuzz::as_view(data, size);
    const bool chat = (gw::fuzz::take_control(body) & 1) == 0;
    gw::fuzz::check(decode(chat, DecodePath::Fast, body) ==
                    decode(chat, DecodePath::DomOnly, body));
    return 0;
}
