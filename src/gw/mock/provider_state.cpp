#include "gw/mock/provider_state.hpp"

namespace gw::mock {

template <class Fn>
void ProviderState::update(Fn&& fn) {
    {
        std::lock_guard lock(mu_);
        fn(stats_);
    }
    changed_.notify_all();
}

void ProviderState::record(RecordedRequest request) {
    if (!recording()) return;
    std::lock_guard lock(mu_);
    if (recorded_.size() == record_limit_) recorded_.pop_front();
    recorded_.push_back(std::move(request));
}

uint64_t ProviderState::on_request() {
    uint64_t seq = 0;
    update([&seq](MockStats& s) { seq = ++s.requests; });
    return seq;
}

void ProviderState::fail_next(size_t count, unsigned status) {
    std::lock_guard lock(mu_);
    failures_left_ = count;
    failure_status_ = status;
}

std::optional<unsigned> ProviderState::take_scripted_failure() {
    std::lock_guard lock(mu_);
    if (failures_left_ == 0) return std::nullopt;
    --failures_left_;
    return failure_status_;
}

void ProviderState::on_connection_open() {
    update([](MockStats& s) {
        ++s.connections_accepted;
        ++s.connections_open;
    });
}

void ProviderState::on_connection_close() {
    update([](MockStats& s) { --s.connections_open; });
}

void ProviderState::on_stream_start() {
    update([](MockStats& s) { ++s.streams_started; });
}

void ProviderState::on_stream_end(StreamEnd end) {
    update([end](MockStats& s) {
        switch (end) {
            case StreamEnd::Completed:
                ++s.streams_completed;
                break;
            case StreamEnd::Aborted:
                ++s.streams_aborted;
                break;
            case StreamEnd::Broken:
                ++s.streams_broken;
                break;
        }
    });
}

MockStats ProviderState::stats() const {
    std::lock_guard lock(mu_);
    return stats_;
}

std::vector<RecordedRequest> ProviderState::requests() const {
    std::lock_guard lock(mu_);
    return {recorded_.begin(), recorded_.end()};
}

bool ProviderState::wait_for(const std::function<bool(const MockStats&)>& done,
                             std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, timeout, [&] { return done(stats_); });
}

}  // namespace gw::mock
