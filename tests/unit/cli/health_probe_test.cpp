#include "gw/cli/health_probe.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace gw::cli {
namespace {

using namespace std::chrono_literals;

// Accepts one connection on 127.0.0.1 and answers it with `response`.
class OneShotServer {
  public:
    explicit OneShotServer(std::string response) : response_(std::move(response)) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        ::bind(fd_, reinterpret_cast<sockaddr*>(&address), length);
        ::listen(fd_, 1);
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~OneShotServer() {
        join();
        ::close(fd_);
    }
    OneShotServer(const OneShotServer&) = delete;
    OneShotServer& operator=(const OneShotServer&) = delete;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    // Waits for the connection to be served (or, when none came, stops waiting for one).
    void join() {
        if (!thread_.joinable()) return;
        ::shutdown(fd_, SHUT_RDWR);
        thread_.join();
    }
    // Valid after join().
    [[nodiscard]] const std::string& request() const { return request_; }

  private:
    void serve() {
        int client = ::accept(fd_, nullptr, nullptr);
        if (client < 0) return;
        char buffer[1024];
        ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
        if (got > 0) request_.assign(buffer, static_cast<std::size_t>(got));
        ::send(client, response_.data(), response_.size(), MSG_NOSIGNAL);
        ::close(client);
    }

    std::string response_;
    int fd_ = -1;
    std::uint16_t port_ = 0;
    std::string request_;
    std::thread thread_;
};

TEST(HealthProbe, Status200IsHealthy) {
    OneShotServer server("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
    EXPECT_TRUE(http_get_ok("127.0.0.1", server.port(), "/healthz", 5s));
}

TEST(HealthProbe, SendsAGetForThePath) {
    std::string request;
    {
        OneShotServer server("HTTP/1.1 200 OK\r\n\r\n");
        ASSERT_TRUE(http_get_ok("0.0.0.0", server.port(), "/healthz", 5s));
        server.join();
        request = server.request();
    }
    EXPECT_EQ(request.rfind("GET /healthz HTTP/1.1\r\n", 0), 0U) << request;
}

TEST(HealthProbe, OtherStatusIsNotHealthy) {
    OneShotServer server("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n");
    EXPECT_FALSE(http_get_ok("127.0.0.1", server.port(), "/healthz", 5s));
}

TEST(HealthProbe, ClosedPortIsNotHealthy) {
    std::uint16_t port = 0;
    {
        OneShotServer server("HTTP/1.1 200 OK\r\n\r\n");
        port = server.port();
        ASSERT_TRUE(http_get_ok("127.0.0.1", port, "/", 5s));
    }
    EXPECT_FALSE(http_get_ok("127.0.0.1", port, "/healthz", 2s));
}

TEST(HealthProbe, WildcardHostsMeanThisMachine) {
    EXPECT_EQ(local_address_for("0.0.0.0"), "127.0.0.1");
    EXPECT_EQ(local_address_for(""), "127.0.0.1");
    EXPECT_EQ(local_address_for("::"), "::1");
    EXPECT_EQ(local_address_for("10.1.2.3"), "10.1.2.3");
}

}  // namespace
}  // namespace gw::cli
