#pragma once
// Internal to the http module: the state of one accepted client connection.

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <functional>
#include <memory>

namespace gw::http {

// Shared with the pending socket wait so a late completion never touches a freed connection.
struct DisconnectWatch {
    bool armed = false;                   // an async_wait is outstanding
    std::function<void()> on_disconnect;  // set while a request wants to know
};

struct ClientConnection {
    explicit ClientConnection(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}

    boost::beast::tcp_stream stream;
    boost::beast::flat_buffer buffer;
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
    std::shared_ptr<DisconnectWatch> watch;
};

}  // namespace gw::http
