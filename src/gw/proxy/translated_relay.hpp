#pragma once
// Relays an upstream response spoken in another API than the client's (spec §3): SSE streams are
// translated event by event as they arrive, whole bodies (answers and errors) once complete.

#include "gw/http/response_writer.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/llm/api.hpp"
#include "gw/proxy/conversation_capture.hpp"
#include "gw/proxy/relay.hpp"
#include "gw/proxy/response_meter.hpp"

#include <boost/asio/awaitable.hpp>

namespace gw::proxy {

struct ApiPair {
    llm::ApiFormat upstream;
    llm::ApiFormat client;
    // Chat clients get the usage-only stream chunk only when they asked (include_usage).
    bool client_asked_usage = false;
    // The model id the client sees when the upstream's answer names none (Bedrock Converse).
    std::string_view upstream_model;
};

boost::asio::awaitable<RelayOutcome> relay_translated_response(http::UpstreamCall& call,
                                                               const http::ResponseHead& head,
                                                               http::ResponseWriter& out,
                                                               ApiPair apis, ResponseMeter& meter,
                                                               ConversationCapture* capture);

}  // namespace gw::proxy
