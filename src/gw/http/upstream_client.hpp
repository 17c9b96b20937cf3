#pragma once
// HTTP/1.1 client for provider calls: per-worker keep-alive pools keyed by origin, TLS with
// certificate and host-name verification, timeouts on connect, response head and idle gaps
// between body chunks. The body is handed out slice by slice as it arrives (no buffering).
// Worker-affine: a client and its calls are used only on the io_context they were created for.

#include "gw/base/headers.hpp"
#include "gw/base/result.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace gw::net {
class ClientTls;
}  // namespace gw::net

namespace gw::http {

struct UpstreamOrigin {
    bool tls = false;
    std::string host;
    uint16_t port = 80;

    [[nodiscard]] std::string key() const;
};

struct UpstreamRequest {
    UpstreamOrigin origin;
    std::string method = "POST";
    std::string target;       // path and query
    std::string host_header;  // value of Host
    Headers headers;          // sent as-is; Host and Content-Length are added
    std::string body;
    // Sent instead of `body` when set: bytes the caller keeps alive and unchanged until the call
    // has finished. The span exporter's batches (hundreds of KB) are sent this way, uncopied.
    std::optional<std::string_view> borrowed_body;

    [[nodiscard]] std::string_view body_bytes() const {
        return borrowed_body ? *borrowed_body : std::string_view(body);
    }
};

struct ResponseHead {
    int status = 0;
    Headers headers;
    std::optional<uint64_t> content_length;
};

struct CallTimeouts {
    std::chrono::milliseconds connect{std::chrono::seconds(5)};
    // Until the response head has arrived, and the longest silence between two body slices.
    std::chrono::milliseconds response{std::chrono::seconds(300)};
};

struct PoolOptions {
    // Per worker. Enough for the concurrency a worker sustains, so bursts do not churn sockets.
    std::size_t max_idle_per_origin = 512;
    std::chrono::milliseconds idle_ttl{std::chrono::seconds(30)};
};

class UpstreamClient;

// One request/response exchange on a leased connection. Destroying it returns the connection to
// the pool only when the response was read completely and the connection allows reuse.
class UpstreamCall {
  public:
    explicit UpstreamCall(UpstreamClient& client);
    ~UpstreamCall();
    UpstreamCall(const UpstreamCall&) = delete;
    UpstreamCall& operator=(const UpstreamCall&) = delete;

    // Sends the request and reads the response head. Errors: Io (unreachable, reset), Timeout,
    // Protocol (malformed response).
    boost::asio::awaitable<Result<ResponseHead>> start(UpstreamRequest request,
                                                       CallTimeouts timeouts);
    // The next body slice; an empty view means the body is complete. The view is valid until the
    // next call.
    boost::asio::awaitable<Result<std::string_view>> read_body();
    // Closes the connection at once (client went away, or the caller gives up).
    void abort();

    [[nodiscard]] bool reused_connection() const;

    struct Impl;  // implementation detail

  private:
    std::unique_ptr<Impl> impl_;
};

class UpstreamClient {
  public:
    // `tls` may be null when no origin is https; a TLS origin then fails with an error. Its
    // context is built by the first https connect.
    UpstreamClient(boost::asio::io_context& context, std::shared_ptr<const net::ClientTls> tls,
                   PoolOptions options);
    ~UpstreamClient();
    UpstreamClient(const UpstreamClient&) = delete;
    UpstreamClient& operator=(const UpstreamClient&) = delete;

    [[nodiscard]] std::size_t idle_connections() const;
    // Connections opened so far (for tests and metrics).
    [[nodiscard]] std::size_t connections_opened() const;

    struct Impl;  // implementation detail
    Impl& impl() { return *impl_; }

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::http
