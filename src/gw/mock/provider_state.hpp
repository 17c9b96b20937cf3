#pragma once
// The counters and the request log a MockProvider shares with its server threads. Guarded by one
// mutex: the mock's own cost per request must stay small, but it is never the thing measured, and
// a condition variable lets tests wait for events instead of sleeping.

#include "gw/mock/mock_provider.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace gw::mock {

enum class StreamEnd { Completed, Aborted, Broken };

class ProviderState {
  public:
    explicit ProviderState(size_t record_limit) : record_limit_(record_limit) {}

    [[nodiscard]] bool recording() const { return record_limit_ > 0; }
    void record(RecordedRequest request);

    // Returns the request's sequence number (1-based), used in response ids.
    uint64_t on_request();
    void on_connection_open();
    void on_connection_close();
    void on_stream_start();
    void on_stream_end(StreamEnd end);

    // The next `count` requests answer `status` (whatever their headers say).
    void fail_next(size_t count, unsigned status);
    // The status scripted by fail_next() for the request being served, if any.
    std::optional<unsigned> take_scripted_failure();

    [[nodiscard]] MockStats stats() const;
    [[nodiscard]] std::vector<RecordedRequest> requests() const;
    bool wait_for(const std::function<bool(const MockStats&)>& done,
                  std::chrono::milliseconds timeout) const;

  private:
    template <class Fn>
    void update(Fn&& fn);

    const size_t record_limit_;
    mutable std::mutex mu_;
    mutable std::condition_variable changed_;
    MockStats stats_;
    std::deque<RecordedRequest> recorded_;
    size_t failures_left_ = 0;
    unsigned failure_status_ = 0;
};

}  // namespace gw::mock
