#include "otlp_http_receiver.hpp"

#include "gw/collector/otlp_decode.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace gw::exporter::testing {

OtlpHttpReceiver::OtlpHttpReceiver() {
    server_ = std::make_unique<http::HttpServer>(workers_, http::ServerOptions{}, *this);
    auto port = server_->start();
    EXPECT_TRUE(port.has_value());
    port_ = port ? *port : 0;
    workers_.start();
}

OtlpHttpReceiver::~OtlpHttpReceiver() {
    workers_.stop();
    workers_.join();
}

std::string OtlpHttpReceiver::endpoint() const {
    return fmt::format("http://127.0.0.1:{}/v1/traces", port_);
}

void OtlpHttpReceiver::script(std::vector<int> statuses) {
    std::lock_guard lock(mutex_);
    script_.assign(statuses.begin(), statuses.end());
}

bool OtlpHttpReceiver::wait_for_accepted(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kWaitLimit, [&] { return accepted_ >= count; });
}

bool OtlpHttpReceiver::wait_for_exports(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kWaitLimit, [&] { return exports_.size() >= count; });
}

std::vector<ReceivedExport> OtlpHttpReceiver::exports() const {
    std::lock_guard lock(mutex_);
    return exports_;
}

std::size_t OtlpHttpReceiver::accepted_spans() const {
    std::lock_guard lock(mutex_);
    return accepted_;
}

boost::asio::awaitable<void> OtlpHttpReceiver::handle(http::ServerRequest& request,
                                                      http::ResponseWriter& response,
                                                      std::size_t /*worker*/) {
    ReceivedExport received;
    received.target = request.target;
    received.headers = request.headers;
    auto spans = collector::decode_export_request(request.body);
    EXPECT_TRUE(spans.has_value()) << "undecodable export";
    if (spans) received.spans = std::move(*spans);
    {
        std::lock_guard lock(mutex_);
        received.status = 200;
        if (!script_.empty()) {
            received.status = script_.front();
            script_.pop_front();
        }
        if (received.status / 100 == 2) accepted_ += received.spans.size();
        exports_.push_back(received);
    }
    changed_.notify_all();
    Headers headers;
    headers.add("Content-Type", "application/x-protobuf");
    co_await response.send(received.status, headers, "");
}

}  // namespace gw::exporter::testing
