#pragma once

#include "gw/http/response_writer.hpp"
#include "gw/http/server_request.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>

namespace gw::http {

// Application logic behind an HttpServer. Called on the worker that owns the connection; the
// request and writer stay valid until the returned coroutine completes.
class RequestHandler {
  public:
    virtual ~RequestHandler() = default;
    virtual boost::asio::awaitable<void> handle(ServerRequest& request, ResponseWriter& response,
                                                std::size_t worker) = 0;
};

}  // namespace gw::http
