#pragma once
// Writes one HTTP/1.1 response to the client: either whole (Content-Length) or streamed (a known
// length or chunked). Every write goes out immediately, no buffering, so SSE frames reach the
// client as they arrive. Worker-affine.

#include "gw/base/headers.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gw::http {

struct ClientConnection;

class ResponseWriter {
  public:
    ResponseWriter(ClientConnection& connection, bool keep_alive);
    ~ResponseWriter();
    ResponseWriter(const ResponseWriter&) = delete;
    ResponseWriter& operator=(const ResponseWriter&) = delete;

    // A complete response with Content-Length. Returns false when the client is gone.
    boost::asio::awaitable<bool> send(int status, const Headers& headers, std::string_view body);
    // Starts a streamed response: with `content_length` the body is raw bytes of that length,
    // without it the body is chunked (and the head is sent at once).
    boost::asio::awaitable<bool> begin(int status, const Headers& headers,
                                       std::optional<uint64_t> content_length);
    boost::asio::awaitable<bool> write(std::string_view data);
    // Ends a chunked body. A raw-length body must have been written completely.
    boost::asio::awaitable<bool> finish();

    // Calls `on_disconnect` if the client closes or resets its connection before
    // stop_watching(), so upstream work nobody will read can be stopped at once. Costs no system
    // call while the client stays quiet. At most one watch per response.
    void watch_disconnect(std::function<void()> on_disconnect);
    void stop_watching();

    // Forces `Connection: close` on this response and closes the connection after it.
    void close_after_response() { keep_alive_ = false; }
    // Drops the connection at once: used when a response cannot be completed.
    void abort();

    [[nodiscard]] bool started() const { return started_; }
    [[nodiscard]] bool complete() const { return complete_; }
    [[nodiscard]] bool failed() const { return failed_; }
    [[nodiscard]] bool keep_alive() const { return keep_alive_ && complete_ && !failed_; }
    [[nodiscard]] int status() const { return status_; }
    [[nodiscard]] uint64_t body_bytes() const { return body_bytes_; }

  private:
    std::string format_head(int status, const Headers& headers,
                            std::optional<uint64_t> content_length) const;
    boost::asio::awaitable<bool> write_buffers(std::string_view a, std::string_view b,
                                               std::string_view c);

    ClientConnection& connection_;
    bool keep_alive_;
    bool started_ = false;
    bool chunked_ = false;
    bool complete_ = false;
    bool failed_ = false;
    int status_ = 0;
    uint64_t body_bytes_ = 0;
    std::optional<uint64_t> expected_length_;
    std::string pending_head_;
};

// Reason phrase for a status code ("OK", "Bad Request" ...).
std::string_view reason_phrase(int status);

}  // namespace gw::http
