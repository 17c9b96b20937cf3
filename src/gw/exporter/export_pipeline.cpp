#include "gw/exporter/export_pipeline.hpp"

#include "gw/base/log.hpp"

#include <algorithm>
#include <random>
#include <sys/resource.h>
#include <unistd.h>

namespace gw::exporter {
namespace {

constexpr int kExporterNice = 5;

}  // namespace

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry) {
    using std::chrono::milliseconds;
    milliseconds delay = policy.initial_backoff;
    for (int i = 1; i < retry && delay < policy.max_backoff; ++i) delay *= 2;
    delay = std::min(delay, policy.max_backoff);
    if (delay.count() < 2) return delay;
    thread_local std::minstd_rand generator{std::random_device{}()};
    std::uniform_int_distribution<milliseconds::rep> jitter(delay.count() / 2, delay.count());
    return milliseconds(jitter(generator));
}

ExportPipeline::ExportPipeline(const ExporterSettings& settings, TransportFactory make_transport)
    : settings_(settings),
      make_transport_(std::move(make_transport)),
      queue_(std::max<std::size_t>(settings.queue_capacity, 1)) {}

ExportPipeline::~ExportPipeline() { shutdown(Clock::now()); }

void ExportPipeline::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || shutdown_requested_) return;
    thread_ = std::thread([this] { run(); });
}

ExporterStats ExportPipeline::stats() const {
    ExporterStats stats;
    stats.exported_spans = exported_.load(std::memory_order_relaxed);
    stats.dropped_spans = queue_.dropped() + given_up_.load(std::memory_order_relaxed);
    stats.export_errors = errors_.load(std::memory_order_relaxed);
    stats.batches = batches_.load(std::memory_order_relaxed);
    stats.queued_spans = queue_.size();
    return stats;
}

void ExportPipeline::shutdown(Clock::time_point deadline) {
    {
        std::lock_guard lock(mutex_);
        if (shutdown_requested_) return;
        shutdown_requested_ = true;
        hard_deadline_ = deadline;
    }
    // Order matters for run(): once it sees closing_, the queue is closed, so its next pop
    // returns everything that will ever arrive.
    queue_.close();
    closing_.store(true);
    wake_.notify_all();
    if (!thread_.joinable()) {
        // Never started: nothing will send what is queued.
        telemetry::EncodedSpans rest;
        give_up(queue_.pop_batch(rest, 1, Clock::now()));
        return;
    }
    {
        std::unique_lock lock(mutex_);
        if (!wake_.wait_until(lock, deadline, [this] { return finished_; }) && transport_) {
            transport_->cancel();
        }
    }
    thread_.join();
}

Exporter::Clock::time_point ExportPipeline::hard_deadline() {
    std::lock_guard lock(mutex_);
    return hard_deadline_;
}

void ExportPipeline::give_up(std::size_t spans) {
    given_up_.fetch_add(spans, std::memory_order_relaxed);
}

bool ExportPipeline::wait_backoff(Clock::time_point until) {
    std::unique_lock lock(mutex_);
    for (;;) {
        // Re-read on every wake-up: shutdown may have brought the deadline forward.
        Clock::time_point target = std::min(until, hard_deadline_);
        if (Clock::now() >= hard_deadline_) return false;
        if (Clock::now() >= target) return true;
        wake_.wait_until(lock, target);
    }
}

void ExportPipeline::run() {
    // Encoding and sending a batch must not hold up request workers sharing the core: a lower
    // priority lets the scheduler run a worker as soon as it wakes. Nice 5 still leaves the
    // exporter about a quarter of a saturated core, several times what 100 % sampling needs.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kExporterNice);
    auto made = make_transport_();
    if (!made) log::error("span exporter disabled: {}", made.error().message);
    std::unique_ptr<Transport> transport = made ? std::move(*made) : nullptr;
    {
        std::lock_guard lock(mutex_);
        transport_ = transport.get();
    }
    telemetry::EncodedSpans pending;
    const std::size_t max_batch = std::max<std::size_t>(settings_.max_batch, 1);
    for (;;) {
        const bool last_round = closing_.load();
        std::size_t count =
            queue_.pop_batch(pending, max_batch, Clock::now() + settings_.schedule_delay);
        for (std::size_t at = 0; at < count; at += max_batch) {
            export_batch(pending, at, std::min(max_batch, count - at), transport.get());
        }
        if (last_round) break;
    }
    std::lock_guard lock(mutex_);
    transport_ = nullptr;
    transport.reset();
    finished_ = true;
    wake_.notify_all();
}

void ExportPipeline::export_batch(const telemetry::EncodedSpans& spans, std::size_t first,
                                  std::size_t count, Transport* transport) {
    if (!transport) {
        give_up(count);
        return;
    }
    spans.write_request(first, count, body_);
    const Clock::time_point budget_end = Clock::now() + settings_.export_timeout;
    const int max_attempts = std::max(settings_.retry.max_attempts, 1);
    for (int attempt = 1;; ++attempt) {
        const Clock::time_point stop = std::min(budget_end, hard_deadline());
        if (Clock::now() >= stop) break;
        SendResult result =
            transport->send(body_, std::min(stop, Clock::now() + settings_.attempt_timeout));
        if (result.outcome == SendOutcome::Delivered) {
            exported_.fetch_add(count, std::memory_order_relaxed);
            batches_.fetch_add(1, std::memory_order_relaxed);
            failure_log_.succeeded();
            return;
        }
        errors_.fetch_add(1, std::memory_order_relaxed);
        if (result.outcome == SendOutcome::Rejected) {
            failure_log_.failed(
                fmt::format("span export rejected, dropping {} spans: {}", count, result.detail));
            give_up(count);
            return;
        }
        log::debug("span export attempt {} failed: {}", attempt, result.detail);
        if (attempt >= max_attempts) {
            failure_log_.failed(fmt::format("span export failed {} times, dropping {} spans: {}",
                                            attempt, count, result.detail));
            give_up(count);
            return;
        }
        std::chrono::milliseconds delay =
            result.retry_after ? std::min(*result.retry_after, settings_.retry.max_backoff)
                               : backoff_delay(settings_.retry, attempt);
        Clock::time_point resume = Clock::now() + delay;
        if (resume >= budget_end || !wait_backoff(resume)) break;
    }
    failure_log_.failed(fmt::format("span export out of time, dropping {} spans", count));
    give_up(count);
}

}  // namespace gw::exporter
