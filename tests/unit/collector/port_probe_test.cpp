#include "gw/collector/port_probe.hpp"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gw::collector {
namespace {

// A listening socket on 127.0.0.1 with a kernel-chosen port.
class Listener {
  public:
    Listener() {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        EXPECT_EQ(::listen(fd_, 4), 0);
        socklen_t len = sizeof addr;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
    }
    ~Listener() { close(); }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;
    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    [[nodiscard]] std::uint16_t port() const { return port_; }

  private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

TEST(PortProbe, NamesAPortThatIsTaken) {
    Listener taken;
    auto free = check_port_free("127.0.0.1", taken.port());
    ASSERT_FALSE(free);
    EXPECT_EQ(free.error().message,
              "port " + std::to_string(taken.port()) +
                  " is already in use on 127.0.0.1 (is another collector running? `planoai trace "
                  "down` stops it)");
    EXPECT_TRUE(accepts_connections("127.0.0.1", taken.port()));
}

TEST(PortProbe, AcceptsAFreePortAndPortZero) {
    Listener listener;
    std::uint16_t port = listener.port();
    listener.close();
    EXPECT_TRUE(check_port_free("127.0.0.1", port));
    EXPECT_FALSE(accepts_connections("127.0.0.1", port));
    EXPECT_TRUE(check_port_free("127.0.0.1", 0));
}

}  // namespace
}  // namespace gw::collector
