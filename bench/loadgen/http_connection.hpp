#pragma once
// One blocking keep-alive HTTP/1.1 client connection that times each exchange: the time to the
// first body byte (TTFB: for SSE, the first event) and to the end of the response.

#include <chrono>
#include <cstdint>
#include <string>

namespace loadgen {

struct Exchange {
    bool ok = false;  // a complete response was read
    int status = 0;
    std::chrono::nanoseconds ttfb{0};
    std::chrono::nanoseconds total{0};
    size_t body_bytes = 0;
};

class HttpConnection {
  public:
    HttpConnection(std::string host, uint16_t port) : host_(std::move(host)), port_(port) {}
    ~HttpConnection() { close(); }
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    // Sends `request` (complete bytes), reconnecting first if needed, and reads the response.
    Exchange exchange(const std::string& request);

  private:
    bool connect();
    void close();
    bool send_all(const std::string& bytes);
    // Reads until the response is complete; fills status, ttfb and body size.
    bool read_response(Exchange& out, std::chrono::steady_clock::time_point start);

    std::string host_;
    uint16_t port_;
    int fd_ = -1;
    std::string buffer_;  // bytes received but not consumed yet
};

}  // namespace loadgen
