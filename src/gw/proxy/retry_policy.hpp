#pragma once
// When and after how long an upstream attempt is repeated (listener `max_retries`, dataplane.md
// §4.8): the reference's Envoy policy — retry on 429, 5xx and connection failures, fully
// jittered exponential backoff — made explicit so it also covers cross-provider fallback.

#include "gw/base/result.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace gw::proxy {

struct RetryPolicy {
    int max_retries = 0;  // extra attempts on the same provider
    std::chrono::milliseconds backoff_base{500};
    std::chrono::milliseconds backoff_max{std::chrono::seconds(5)};
};

// 429 and 5xx: the provider may well answer the same request a moment later.
[[nodiscard]] bool is_retryable_status(int status);

// Refused, reset or unreachable. A timeout is not retried: the listener `timeout` is the
// client's whole budget, and a second wait of the same length would exceed it.
[[nodiscard]] bool is_retryable_error(const Error& error);

// The pause before retry number `retry` (1 for the first): uniform in
// [0, min(max, (2^retry - 1) x base)] drawn from `random`, as Envoy does. A `retry-after` in
// seconds is honoured when it fits under the cap (the provider knows best), else the cap is used.
[[nodiscard]] std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int retry,
                                                    std::optional<std::string_view> retry_after,
                                                    uint64_t random);

}  // namespace gw::proxy
