#include "gw/proxy/retry_policy.hpp"

#include <algorithm>
#include <charconv>

namespace gw::proxy {
namespace {

std::optional<std::chrono::milliseconds> seconds_header(std::string_view text) {
    int64_t seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size() || seconds < 0) return std::nullopt;
    return std::chrono::seconds(std::min<int64_t>(seconds, 86400));
}

}  // namespace

bool is_retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

bool is_retryable_error(const Error& error) { return error.kind == Error::Kind::Io; }

std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int retry,
                                      std::optional<std::string_view> retry_after,
                                      uint64_t random) {
    const auto cap = policy.backoff_max;
    if (retry_after) {
        if (auto wanted = seconds_header(*retry_after)) return std::min(*wanted, cap);
    }
    const int doublings = std::clamp(retry, 1, 30);
    const int64_t base = policy.backoff_base.count();
    const int64_t ceiling = std::min<int64_t>(cap.count(), base * ((int64_t{1} << doublings) - 1));
    if (ceiling <= 0) return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(
        static_cast<int64_t>(random % static_cast<uint64_t>(ceiling + 1)));
}

}  // namespace gw::proxy
