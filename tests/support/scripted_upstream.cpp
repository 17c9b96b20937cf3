#include "scripted_upstream.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>

#include <optional>
#include <stdexcept>
#include <sys/socket.h>

namespace gw::testing {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::size_t content_length_of(const std::string& head) {
    std::string lower;
    for (char c : head) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto at = lower.find("content-length:");
    if (at == std::string::npos) return 0;
    return std::stoul(lower.substr(at + 15));
}

}  // namespace

struct ScriptedUpstream::Impl {
    asio::io_context io;
    tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::optional<tcp::socket> socket;
    asio::streambuf buffer;
};

ScriptedUpstream::ScriptedUpstream() : impl_(std::make_unique<Impl>()) {}
ScriptedUpstream::~ScriptedUpstream() = default;

uint16_t ScriptedUpstream::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string ScriptedUpstream::receive_request() {
    if (!impl_->socket) {
        impl_->socket.emplace(impl_->io);
        impl_->acceptor.accept(*impl_->socket);
        timeval tv{20, 0};
        ::setsockopt(impl_->socket->native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    std::size_t head_bytes = asio::read_until(*impl_->socket, impl_->buffer, "\r\n\r\n");
    std::string all(asio::buffers_begin(impl_->buffer.data()),
                    asio::buffers_end(impl_->buffer.data()));
    std::string head = all.substr(0, head_bytes);
    std::size_t body_bytes = content_length_of(head);
    while (impl_->buffer.size() < head_bytes + body_bytes) {
        auto more = impl_->buffer.prepare(65536);
        std::size_t n = impl_->socket->read_some(more);
        impl_->buffer.commit(n);
    }
    std::string request(asio::buffers_begin(impl_->buffer.data()),
                        asio::buffers_begin(impl_->buffer.data()) +
                            static_cast<std::ptrdiff_t>(head_bytes + body_bytes));
    impl_->buffer.consume(head_bytes + body_bytes);
    return request;
}

void ScriptedUpstream::send(const std::string& bytes) {
    if (!impl_->socket) throw std::logic_error("no connection");
    asio::write(*impl_->socket, asio::buffer(bytes));
}

void ScriptedUpstream::send_chunk(const std::string& data) {
    send(fmt::format("{:x}\r\n{}\r\n", data.size(), data));
}

void ScriptedUpstream::close_connection() {
    if (!impl_->socket) return;
    boost::system::error_code ignored;
    impl_->socket->shutdown(tcp::socket::shutdown_both, ignored);
    impl_->socket->close(ignored);
    impl_->socket.reset();
}

}  // namespace gw::testing
