#include "gw/proxy/translated_relay.hpp"

#include "gw/base/log.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>

#include <string>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;

// A whole answer is held in memory to be rewritten; beyond this the provider is misbehaving.
constexpr std::size_t kMaxTranslatedBody = 32u * 1024 * 1024;

// Bedrock streams in AWS's binary event stream, every other upstream in SSE.
bool is_upstream_stream(const http::ResponseHead& head, llm::ApiFormat upstream) {
    if (upstream != llm::ApiFormat::BedrockConverse) return is_event_stream(head.headers);
    auto type = head.headers.get("content-type");
    return type && istarts_with(*type, "application/vnd.amazon.eventstream");
}

Headers translated_headers(const http::ResponseHead& head, std::string_view content_type) {
    Headers headers = client_facing_headers(head.headers);
    headers.set("Content-Type", content_type);
    return headers;
}

asio::awaitable<RelayOutcome> relay_stream(http::UpstreamCall& call, const http::ResponseHead& head,
                                           http::ResponseWriter& out, ApiPair apis,
                                           ResponseMeter& meter, ConversationCapture* capture) {
    meter.begin(true);
    Headers headers = translated_headers(head, "text/event-stream");
    headers.set("Cache-Control", "no-cache");
    if (!co_await out.begin(head.status, headers, std::nullopt)) {
        call.abort();
        co_return RelayOutcome::ClientGone;
    }
    translate::StreamTranslator translator(apis.upstream, apis.client,
                                           {.chat_usage_chunk = apis.client_asked_usage,
                                            .fallback_model = std::string(apis.upstream_model)});
    std::string client_bytes;
    RelayOutcome outcome = RelayOutcome::Complete;
    for (;;) {
        client_bytes.clear();
        Result<std::string_view> slice = co_await call.read_body();
        if (out.failed()) {
            call.abort();
            co_return RelayOutcome::ClientGone;
        }
        if (!slice) {
            log::warn("{}", slice.error().message);
            translator.fail("upstream stream ended unexpectedly", client_bytes);
            outcome = RelayOutcome::UpstreamBroke;
        } else if (slice->empty()) {
            translator.finish(client_bytes);
        } else {
            translator.feed(*slice, client_bytes);
        }
        meter.on_bytes(client_bytes);
        if (capture) capture->on_stream_bytes(client_bytes);
        if (!client_bytes.empty() && !co_await out.write(client_bytes)) {
            call.abort();
            co_return RelayOutcome::ClientGone;
        }
        if (!slice || slice->empty()) break;
    }
    if (translator.usage()) meter.on_hidden_usage(*translator.usage());
    co_await out.finish();
    if (outcome == RelayOutcome::UpstreamBroke) out.close_after_response();
    if (outcome == RelayOutcome::Complete && !out.complete()) outcome = RelayOutcome::ClientGone;
    co_return outcome;
}

// Reads the whole upstream body; false when it broke off or grew beyond the limit.
asio::awaitable<bool> read_whole_body(http::UpstreamCall& call, std::string& body) {
    for (;;) {
        Result<std::string_view> slice = co_await call.read_body();
        if (!slice) {
            log::warn("{}", slice.error().message);
            co_return false;
        }
        if (slice->empty()) co_return true;
        if (body.size() + slice->size() > kMaxTranslatedBody) {
            log::warn("upstream body over {} bytes cannot be translated", kMaxTranslatedBody);
            co_return false;
        }
        body.append(*slice);
    }
}

asio::awaitable<RelayOutcome> relay_body(http::UpstreamCall& call, const http::ResponseHead& head,
                                         http::ResponseWriter& out, ApiPair apis,
                                         ResponseMeter& meter, ConversationCapture* capture) {
    meter.begin(false);
    std::string upstream_body;
    bool whole = co_await read_whole_body(call, upstream_body);
    if (out.failed()) co_return RelayOutcome::ClientGone;
    int status = head.status;
    std::string client_body;
    if (!whole) {
        status = 502;
        client_body = render_error(apis.client, {502, "upstream response ended unexpectedly",
                                                 "upstream_error", "upstream_stream_broken"});
    } else if (head.status >= 400) {
        client_body = translate::translate_error(apis.upstream, apis.client,
                                                 static_cast<unsigned>(head.status), upstream_body);
    } else if (auto translated = translate::translate_response(
                   apis.upstream, apis.client, upstream_body, apis.upstream_model)) {
        client_body = std::move(*translated);
    } else {
        log::warn("untranslatable upstream answer: {}", translated.error().message);
        status = 502;
        client_body = render_error(apis.client, {502, translated.error().message, "upstream_error",
                                                 "invalid_upstream_response"});
    }
    meter.on_bytes(client_body);
    if (capture && status < 400) capture->on_body(client_body);
    bool sent =
        co_await out.send(status, translated_headers(head, "application/json"), client_body);
    if (!sent) co_return RelayOutcome::ClientGone;
    co_return whole ? RelayOutcome::Complete : RelayOutcome::UpstreamBroke;
}

}  // namespace

asio::awaitable<RelayOutcome> relay_translated_response(http::UpstreamCall& call,
                                                        const http::ResponseHead& head,
                                                        http::ResponseWriter& out, ApiPair apis,
                                                        ResponseMeter& meter,
                                                        ConversationCapture* capture) {
    if (head.status < 400 && is_upstream_stream(head, apis.upstream)) {
        co_return co_await relay_stream(call, head, out, apis, meter, capture);
    }
    co_return co_await relay_body(call, head, out, apis, meter, capture);
}

}  // namespace gw::proxy
