#include "gw/exporter/otlp_http_exporter.hpp"

#include "gw/exporter/endpoint.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/net/tls_context.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>

namespace gw::exporter {
namespace {

namespace asio = boost::asio;

constexpr std::string_view kDefaultPath = "/v1/traces";
// Enough of an error body to say why the collector refused, without flooding the log.
constexpr std::size_t kMaxDetailBytes = 256;

bool retryable_status(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
}

// Retry-After in delta-seconds; the HTTP-date form is rare from collectors and ignored.
std::optional<std::chrono::milliseconds> retry_after_of(const Headers& headers) {
    auto value = headers.get("retry-after");
    if (!value) return std::nullopt;
    unsigned seconds = 0;
    auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
    if (ec != std::errc() || end != value->data() + value->size()) return std::nullopt;
    return std::chrono::seconds(seconds);
}

class HttpTransport final : public Transport {
  public:
    HttpTransport(Endpoint endpoint, Headers headers, std::shared_ptr<const net::ClientTls> tls)
        : endpoint_(std::move(endpoint)),
          headers_(std::move(headers)),
          client_(io_, std::move(tls), http::PoolOptions{.max_idle_per_origin = 1}) {
        headers_.set("Content-Type", "application/x-protobuf");
    }

    SendResult send(std::string_view body, Clock::time_point deadline) override {
        if (cancelled_.load()) return {SendOutcome::Retryable, "cancelled at shutdown", {}};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        http::CallTimeouts timeouts;
        timeouts.connect = std::max(left, std::chrono::milliseconds(1));
        timeouts.response = timeouts.connect;

        http::UpstreamRequest request;
        request.origin = {endpoint_.tls, endpoint_.host, endpoint_.port};
        request.method = "POST";
        request.target = endpoint_.path.empty() ? std::string(kDefaultPath) : endpoint_.path;
        request.host_header = endpoint_.authority();
        request.headers = headers_;
        request.borrowed_body = body;  // the pipeline keeps it until send() returns

        std::optional<SendResult> result;
        io_.restart();
        asio::co_spawn(io_, post(std::move(request), timeouts),
                       [&result](std::exception_ptr error, SendResult r) {
                           if (error) {
                               r = {SendOutcome::Retryable, "exception in HTTP export", {}};
                           }
                           result = std::move(r);
                       });
        // run_one() returns 0 once cancel() stopped the context: the call is abandoned and its
        // frame freed with the context.
        while (!result && io_.run_one() > 0) {
        }
        if (!result) return {SendOutcome::Retryable, "cancelled at shutdown", {}};
        return std::move(*result);
    }

    // The abandoned call's frame is destroyed with io_ (declared before client_, so after it),
    // which closes its socket; the flag keeps a later send() from resuming it.
    void cancel() override {
        cancelled_.store(true);
        io_.stop();
    }

  private:
    asio::awaitable<SendResult> post(http::UpstreamRequest request, http::CallTimeouts timeouts) {
        http::UpstreamCall call(client_);
        auto starting = call.start(std::move(request), timeouts);
        auto head = co_await std::move(starting);
        if (!head) co_return SendResult{SendOutcome::Retryable, head.error().message, {}};
        // Reading the whole body lets the connection go back to the pool.
        std::string detail;
        for (;;) {
            auto reading = call.read_body();
            auto slice = co_await std::move(reading);
            if (!slice) co_return SendResult{SendOutcome::Retryable, slice.error().message, {}};
            if (slice->empty()) break;
            detail.append(
                slice->substr(0, kMaxDetailBytes - std::min(detail.size(), kMaxDetailBytes)));
        }
        if (head->status >= 200 && head->status < 300) co_return SendResult{};
        SendResult result;
        result.outcome =
            retryable_status(head->status) ? SendOutcome::Retryable : SendOutcome::Rejected;
        result.detail =
            fmt::format("HTTP {} from {}: {}", head->status, endpoint_.authority(), detail);
        if (result.outcome == SendOutcome::Retryable)
            result.retry_after = retry_after_of(head->headers);
        co_return result;
    }

    Endpoint endpoint_;
    Headers headers_;
    asio::io_context io_{1};
    http::UpstreamClient client_;
    std::atomic<bool> cancelled_{false};
};

Result<std::unique_ptr<Transport>> make_http_transport(const ExporterSettings& settings) {
    auto endpoint = parse_endpoint(settings.endpoint);
    if (!endpoint) return endpoint.error();
    std::shared_ptr<const net::ClientTls> tls;
    if (endpoint->tls) {
        tls = std::make_shared<const net::ClientTls>(std::nullopt);
        if (auto built = tls->context(); !built) return built.error();
    }
    return std::unique_ptr<Transport>(
        std::make_unique<HttpTransport>(std::move(*endpoint), settings.headers, std::move(tls)));
}

}  // namespace

OtlpHttpExporter::OtlpHttpExporter(const ExporterSettings& settings)
    : ExportPipeline(settings, [settings] { return make_http_transport(settings); }) {}

}  // namespace gw::exporter
