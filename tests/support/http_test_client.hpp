#pragma once
// Blocking HTTP/1.1 clients for tests, with receive timeouts so a bug fails a test instead of
// hanging it.

#include "gw/base/headers.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace gw::testing {

struct TestResponse {
    int status = 0;
    Headers headers;
    std::string body;
};

// One keep-alive connection to 127.0.0.1:port.
class TestConnection {
  public:
    explicit TestConnection(uint16_t port);
    ~TestConnection();
    TestConnection(const TestConnection&) = delete;
    TestConnection& operator=(const TestConnection&) = delete;

    TestResponse request(const std::string& method, const std::string& target,
                         const std::string& body = {}, const Headers& headers = {});

    // Streaming use: send, then read the head, then body slices one by one.
    void send(const std::string& method, const std::string& target, const std::string& body,
              const Headers& headers);
    int read_head();  // returns the status
    [[nodiscard]] const Headers& head_headers() const;
    // The next decoded body slice; nullopt once the body is complete. Throws on a broken
    // connection or timeout.
    std::optional<std::string> read_some();
    // Reads the rest of the body; returns it and whether it ended cleanly (not cut off).
    std::pair<std::string, bool> read_rest();
    // Writes raw bytes (for malformed-request tests) and reads whatever comes back until close.
    std::string raw_exchange(const std::string& bytes);
    void close();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

TestResponse http_post(uint16_t port, const std::string& target, const std::string& body,
                       const Headers& headers = {});
TestResponse http_get(uint16_t port, const std::string& target);

// A chat completions body for `model`.
std::string chat_body(const std::string& model, bool stream = false,
                      const std::string& text = "Hello there");

}  // namespace gw::testing
