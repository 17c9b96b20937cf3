#pragma once
// The protocol-specific half of an exporter: delivers one encoded ExportTraceServiceRequest and
// says whether a failure is worth retrying. Created and used on the exporter thread only, except
// cancel().

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gw::exporter {

enum class SendOutcome {
    Delivered,
    Retryable,  // throttled, collector unavailable, connection failed, timed out
    Rejected,   // the collector refused this batch for good (malformed, unauthorized ...)
};

struct SendResult {
    SendOutcome outcome = SendOutcome::Delivered;
    std::string detail;  // for the log line
    // The collector's own hint (HTTP Retry-After), used instead of the computed backoff.
    std::optional<std::chrono::milliseconds> retry_after;
};

class Transport {
  public:
    using Clock = std::chrono::steady_clock;

    virtual ~Transport() = default;
    // Blocks the exporter thread until the collector answered or `deadline` passed. `body` need
    // only live for the call: transports send it without copying where they can.
    virtual SendResult send(std::string_view body, Clock::time_point deadline) = 0;
    // Any thread: makes a send() in progress return soon (shutdown deadline reached).
    virtual void cancel() = 0;
};

}  // namespace gw::exporter
