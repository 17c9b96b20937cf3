#include "gw/proxy/relay.hpp"

#include "gw/base/log.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/sse/writer.hpp"

#include <array>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;

constexpr std::array<std::string_view, 10> kNotForwarded = {
    "connection", "keep-alive", "transfer-encoding", "content-length",     "te",
    "trailer",    "upgrade",    "proxy-connection",  "proxy-authenticate", "content-encoding"};

// A stream that broke off mid-way still ends as a well-formed SSE stream: an error event (when we
// are between events) and a proper end of the chunked body, so SDKs report an error, not a hang.
asio::awaitable<void> end_broken_stream(http::ResponseWriter& out, const ResponseMeter& meter,
                                        llm::ApiFormat api, bool event_stream) {
    if (event_stream && meter.at_event_boundary()) {
        std::string event;
        ErrorReply error{502, "upstream stream ended unexpectedly", "upstream_error",
                         "upstream_stream_broken"};
        sse::format_event(event, render_error(api, error),
                          api == llm::ApiFormat::AnthropicMessages ? "error" : "");
        co_await out.write(event);
    }
    co_await out.finish();
    out.close_after_response();
}

}  // namespace

bool is_event_stream(const Headers& headers) {
    auto type = headers.get("content-type");
    return type && istarts_with(*type, "text/event-stream");
}

Headers client_facing_headers(const Headers& upstream) {
    Headers out;
    for (const auto& [name, value] : upstream.fields()) {
        bool skip = false;
        for (std::string_view banned : kNotForwarded) skip = skip || iequals(name, banned);
        if (!skip) out.add(name, value);
    }
    return out;
}

asio::awaitable<RelayOutcome> relay_response(http::UpstreamCall& call,
                                             const http::ResponseHead& head,
                                             http::ResponseWriter& out, llm::ApiFormat client_api,
                                             ResponseMeter& meter) {
    bool event_stream = is_event_stream(head.headers);
    meter.begin(event_stream);
    if (!co_await out.begin(head.status, client_facing_headers(head.headers),
                            head.content_length)) {
        call.abort();
        co_return RelayOutcome::ClientGone;
    }
    for (;;) {
        Result<std::string_view> slice = co_await call.read_body();
        if (out.failed()) {
            call.abort();
            co_return RelayOutcome::ClientGone;
        }
        if (!slice) {
            log::warn("{}", slice.error().message);
            if (head.content_length) {
                out.abort();  // a body with a promised length cannot be ended cleanly
            } else {
                co_await end_broken_stream(out, meter, client_api, event_stream);
            }
            co_return RelayOutcome::UpstreamBroke;
        }
        if (slice->empty()) break;
        meter.on_bytes(*slice);
        if (!co_await out.write(*slice)) {
            call.abort();
            co_return RelayOutcome::ClientGone;
        }
    }
    co_await out.finish();
    co_return out.complete() ? RelayOutcome::Complete : RelayOutcome::ClientGone;
}

}  // namespace gw::proxy
