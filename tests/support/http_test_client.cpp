#include "http_test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <sys/socket.h>

namespace gw::testing {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

void set_receive_timeout(tcp::socket& socket, int seconds) {
    timeval tv{seconds, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

}  // namespace

struct TestConnection::Impl {
    asio::io_context io;
    tcp::socket socket{io};
    boost::beast::flat_buffer buffer;
    std::optional<bhttp::response_parser<bhttp::buffer_body>> parser;
    std::array<char, 65536> slice{};
    Headers headers;
};

TestConnection::TestConnection(uint16_t port) : impl_(std::make_unique<Impl>()) {
    impl_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    impl_->socket.set_option(tcp::no_delay(true));
    set_receive_timeout(impl_->socket, 20);
}

TestConnection::~TestConnection() = default;

void TestConnection::send(const std::string& method, const std::string& target,
                          const std::string& body, const Headers& headers) {
    std::string request = fmt::format("{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\n", method, target);
    for (const auto& [name, value] : headers.fields()) request += name + ": " + value + "\r\n";
    if (!headers.contains("content-type") && !body.empty()) {
        request += "Content-Type: application/json\r\n";
    }
    request += fmt::format("Content-Length: {}\r\n\r\n", body.size());
    request += body;
    asio::write(impl_->socket, asio::buffer(request));
}

int TestConnection::read_head() {
    impl_->parser.emplace();
    impl_->parser->body_limit(boost::none);
    bhttp::read_header(impl_->socket, impl_->buffer, *impl_->parser);
    impl_->headers = Headers{};
    for (const auto& field : impl_->parser->get()) {
        impl_->headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    return static_cast<int>(impl_->parser->get().result_int());
}

const Headers& TestConnection::head_headers() const { return impl_->headers; }

std::optional<std::string> TestConnection::read_some() {
    auto& parser = *impl_->parser;
    while (!parser.is_done()) {
        auto& body = parser.get().body();
        body.data = impl_->slice.data();
        body.size = impl_->slice.size();
        boost::system::error_code ec;
        bhttp::read_some(impl_->socket, impl_->buffer, parser, ec);
        if (ec == bhttp::error::need_buffer) ec = {};
        if (ec) throw boost::system::system_error(ec);
        std::size_t got = impl_->slice.size() - body.size;
        if (got > 0) return std::string(impl_->slice.data(), got);
    }
    return std::nullopt;
}

std::pair<std::string, bool> TestConnection::read_rest() {
    std::string all;
    try {
        while (auto slice = read_some()) all += *slice;
    } catch (const boost::system::system_error&) {
        return {all, false};
    }
    return {all, true};
}

TestResponse TestConnection::request(const std::string& method, const std::string& target,
                                     const std::string& body, const Headers& headers) {
    send(method, target, body, headers);
    TestResponse response;
    response.status = read_head();
    response.headers = impl_->headers;
    auto [all, clean] = read_rest();
    if (!clean) throw std::runtime_error("response body was cut off");
    response.body = std::move(all);
    return response;
}

std::string TestConnection::raw_exchange(const std::string& bytes) {
    asio::write(impl_->socket, asio::buffer(bytes));
    std::string out;
    std::array<char, 4096> chunk{};
    boost::system::error_code ec;
    while (!ec) {
        std::size_t n = impl_->socket.read_some(asio::buffer(chunk), ec);
        out.append(chunk.data(), n);
    }
    return out;
}

void TestConnection::close() {
    boost::system::error_code ignored;
    impl_->socket.shutdown(tcp::socket::shutdown_both, ignored);
    impl_->socket.close(ignored);
}

TestResponse http_post(uint16_t port, const std::string& target, const std::string& body,
                       const Headers& headers) {
    TestConnection connection(port);
    return connection.request("POST", target, body, headers);
}

TestResponse http_get(uint16_t port, const std::string& target) {
    TestConnection connection(port);
    return connection.request("GET", target);
}

std::string chat_body(const std::string& model, bool stream, const std::string& text) {
    return fmt::format(
        R"({{"model":"{}","messages":[{{"role":"user","content":"{}"}}],"temperature":0.7{}}})",
        model, text, stream ? R"(,"stream":true)" : "");
}

}  // namespace gw::testing
