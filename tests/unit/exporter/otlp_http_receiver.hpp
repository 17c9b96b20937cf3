#pragma once
// An in-process OTLP/HTTP collector for exporter tests: an HttpServer on 127.0.0.1:0 that decodes
// each export with collector::decode_export_request and answers with scripted statuses (200 once
// the script is used up). Tests wait on its condition variable, never on the clock.

#include "gw/base/headers.hpp"
#include "gw/collector/stored_span.hpp"
#include "gw/http/request_handler.hpp"
#include "gw/http/server.hpp"
#include "gw/net/worker_pool.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace gw::exporter::testing {

struct ReceivedExport {
    std::string target;
    Headers headers;
    int status = 0;  // what the receiver answered
    std::vector<collector::StoredSpan> spans;
};

class OtlpHttpReceiver final : public http::RequestHandler {
  public:
    OtlpHttpReceiver();
    ~OtlpHttpReceiver() override;

    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] std::string endpoint() const;
    // Statuses for the next exports, in order.
    void script(std::vector<int> statuses);

    // Waits (bounded by a generous safety limit) until `count` spans were answered with 2xx.
    bool wait_for_accepted(std::size_t count);
    bool wait_for_exports(std::size_t count);
    [[nodiscard]] std::vector<ReceivedExport> exports() const;
    [[nodiscard]] std::size_t accepted_spans() const;

    boost::asio::awaitable<void> handle(http::ServerRequest& request,
                                        http::ResponseWriter& response,
                                        std::size_t worker) override;

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<int> script_;
    std::vector<ReceivedExport> exports_;
    std::size_t accepted_ = 0;

    net::WorkerPool workers_{1};
    std::unique_ptr<http::HttpServer> server_;
    std::uint16_t port_ = 0;
};

// Safety net for waits on events; a passing run never gets near it.
inline constexpr std::chrono::seconds kWaitLimit{30};

}  // namespace gw::exporter::testing
