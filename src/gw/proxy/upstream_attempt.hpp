#pragma once
// One call to one provider: send the planned request, then either relay the answer to the client
// (passing it through or translating it) or, when the caller can still try again, hand back a
// retryable failure of which nothing reached the client.

#include "gw/http/response_writer.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/llm/api.hpp"
#include "gw/proxy/conversation_capture.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/proxy/llm_span.hpp"
#include "gw/telemetry/request_metrics.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace gw::proxy {

// The upstream request of one candidate model, ready to send.
struct PlannedCall {
    http::UpstreamRequest upstream;
    std::string provider_name;
    llm::ApiFormat upstream_api = llm::ApiFormat::OpenAiChat;
    bool client_asked_usage = false;  // stream_options.include_usage
    std::string model_id;             // the provider's model id, for answers that name none
};

// An attempt given up on (its status is in the metered outcome): what the provider asked for.
struct RetryableFailure {
    std::optional<std::string> retry_after;
};

struct AttemptResult {
    telemetry::UpstreamOutcome metered;     // for the metrics, in every case
    std::optional<RetryableFailure> retry;  // set: nothing was sent to the client
};

struct AttemptContext {
    http::CallTimeouts timeouts;
    http::ResponseWriter& out;
    llm::ApiFormat client_api;
    LlmSpanRecorder& span;
    ConversationCapture* capture;  // null: the answer is not saved
};

// Answers the client with a gateway error in its API's shape; the span records the status.
boost::asio::awaitable<void> reply_with_error(http::ResponseWriter& out, llm::ApiFormat api,
                                              const ErrorReply& error, LlmSpanRecorder& span);

// With `may_give_up`, a 429/5xx answer or a refused connection ends the attempt without a word
// to the client (the response body is drained for the log); otherwise every outcome is relayed.
boost::asio::awaitable<AttemptResult> attempt_upstream(http::UpstreamCall& call,
                                                       PlannedCall planned,
                                                       const AttemptContext& context,
                                                       bool may_give_up);

}  // namespace gw::proxy
