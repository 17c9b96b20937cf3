#pragma once
// One mock connection: reads requests (keep-alive), performs the router's plan with the scripted
// delays and cuts, and counts streams the peer abandoned. Internal to gw_mock.

#include "gw/mock/provider_state.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace gw::mock {

// Serves `socket` until the peer closes or a response ends the connection. Runs on the socket's
// io_context; `state` must outlive that io_context. Never throws.
boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket,
                                              ProviderState* state, size_t body_limit);

}  // namespace gw::mock
