#pragma once
// The part every OTLP exporter shares: the bounded span queue, the one background thread that
// batches by size and time, encodes, and hands each batch to a Transport with bounded retries,
// the shutdown protocol and the counters. Exporters add only their Transport.

#include "gw/base/result.hpp"
#include "gw/exporter/exporter.hpp"
#include "gw/exporter/exporter_config.hpp"
#include "gw/exporter/failure_log.hpp"
#include "gw/exporter/transport.hpp"
#include "gw/telemetry/span_queue.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace gw::exporter {

class ExportPipeline : public Exporter {
  public:
    // Runs on the exporter thread, so a transport's sockets, threads and gRPC objects only come
    // into being once the exporter is started.
    using TransportFactory = std::function<Result<std::unique_ptr<Transport>>()>;

    ExportPipeline(const ExporterSettings& settings, TransportFactory make_transport);
    ~ExportPipeline() override;
    ExportPipeline(const ExportPipeline&) = delete;
    ExportPipeline& operator=(const ExportPipeline&) = delete;

    bool submit(telemetry::Span&& span) override { return queue_.try_push(span); }
    void start() override;
    void shutdown(Clock::time_point deadline) override;
    [[nodiscard]] ExporterStats stats() const override;

  private:
    void run();
    // Sends spans [first, first + count) of `spans` as one request.
    void export_batch(const telemetry::EncodedSpans& spans, std::size_t first, std::size_t count,
                      Transport* transport);
    void give_up(std::size_t spans);
    Clock::time_point hard_deadline();
    // Waits until `until`, returning early (false) once the shutdown deadline has passed.
    bool wait_backoff(Clock::time_point until);

    const ExporterSettings settings_;
    TransportFactory make_transport_;
    telemetry::SpanQueue queue_;
    std::thread thread_;
    std::string body_;        // exporter thread only; reused between batches
    FailureLog failure_log_;  // exporter thread only

    std::mutex mutex_;
    std::condition_variable wake_;  // backoff waits, shutdown progress
    Clock::time_point hard_deadline_ = Clock::time_point::max();  // guarded by mutex_
    bool shutdown_requested_ = false;                             // guarded by mutex_
    bool finished_ = false;           // guarded by mutex_: run() returned
    Transport* transport_ = nullptr;  // guarded by mutex_, for cancel()
    std::atomic<bool> closing_{false};

    std::atomic<std::uint64_t> exported_{0};
    std::atomic<std::uint64_t> given_up_{0};
    std::atomic<std::uint64_t> errors_{0};
    std::atomic<std::uint64_t> batches_{0};
};

// Exponential backoff before retry number `retry` (1 for the first retry): initial * 2^(retry-1),
// capped at max_backoff, then jittered down to between half and all of it so that gateways
// restarted together do not retry in lockstep.
[[nodiscard]] std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry);

}  // namespace gw::exporter
