#pragma once
// Internal to the http module: the state of one accepted client connection.

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>

namespace gw::http {

struct ClientConnection {
    explicit ClientConnection(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}

    boost::beast::tcp_stream stream;
    boost::beast::flat_buffer buffer;
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
};

}  // namespace gw::http
