#pragma once
// Relays an upstream response to the client slice by slice as it arrives, and stops the
// upstream exchange as soon as the client goes away.

#include "gw/http/response_writer.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/llm/api.hpp"
#include "gw/proxy/response_meter.hpp"

#include <boost/asio/awaitable.hpp>

namespace gw::proxy {

enum class RelayOutcome {
    Complete,       // the whole response reached the client
    ClientGone,     // the client disconnected; the upstream call was aborted
    UpstreamBroke,  // the provider's response ended early; the client got what arrived
};

boost::asio::awaitable<RelayOutcome> relay_response(http::UpstreamCall& call,
                                                    const http::ResponseHead& head,
                                                    http::ResponseWriter& out,
                                                    llm::ApiFormat client_api,
                                                    ResponseMeter& meter);

bool is_event_stream(const Headers& headers);

// Upstream response headers worth passing on (everything but hop-by-hop and framing).
Headers client_facing_headers(const Headers& upstream);

}  // namespace gw::proxy
