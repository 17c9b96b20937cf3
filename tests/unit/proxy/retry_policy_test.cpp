#include "gw/proxy/retry_policy.hpp"

#include <gtest/gtest.h>

namespace gw::proxy {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicy, RetriesRateLimitsAndServerErrorsOnly) {
    for (int status : {429, 500, 502, 503, 504, 529}) EXPECT_TRUE(is_retryable_status(status));
    for (int status : {200, 400, 401, 403, 404, 408, 413, 422}) {
        EXPECT_FALSE(is_retryable_status(status)) << status;
    }
}

TEST(RetryPolicy, RetriesConnectionFailuresButNotTimeouts) {
    EXPECT_TRUE(is_retryable_error(Error::io("connection refused")));
    EXPECT_FALSE(is_retryable_error(Error::timeout("no answer in 300s")));
    EXPECT_FALSE(is_retryable_error(Error::protocol("bad status line")));
}

TEST(RetryPolicy, DelayGrowsExponentiallyWithinTheCap) {
    const RetryPolicy policy{
        .max_retries = 5, .backoff_base = milliseconds(100), .backoff_max = milliseconds(1000)};
    const uint64_t largest = ~uint64_t{0};
    // The ceiling of retry n is (2^n - 1) x base, at most the cap; every draw stays below it.
    for (uint64_t random : {uint64_t{0}, uint64_t{7}, uint64_t{12345}, largest}) {
        EXPECT_LE(retry_delay(policy, 1, std::nullopt, random), milliseconds(100));
        EXPECT_LE(retry_delay(policy, 2, std::nullopt, random), milliseconds(300));
        EXPECT_LE(retry_delay(policy, 3, std::nullopt, random), milliseconds(700));
        EXPECT_LE(retry_delay(policy, 9, std::nullopt, random), milliseconds(1000));
    }
    EXPECT_EQ(retry_delay(policy, 2, std::nullopt, 300), milliseconds(300));
    EXPECT_EQ(retry_delay(policy, 2, std::nullopt, 301), milliseconds(0));
    EXPECT_EQ(retry_delay(policy, 60, std::nullopt, 1000), milliseconds(1000));
}

TEST(RetryPolicy, RetryAfterIsHonouredUpToTheCap) {
    const RetryPolicy policy{
        .max_retries = 1, .backoff_base = milliseconds(100), .backoff_max = milliseconds(5000)};
    EXPECT_EQ(retry_delay(policy, 1, "2", 0), milliseconds(2000));
    EXPECT_EQ(retry_delay(policy, 1, "60", 0), milliseconds(5000));
    // Not a number of seconds (an HTTP date, garbage): the jittered backoff applies.
    EXPECT_LE(retry_delay(policy, 1, "Wed, 21 Oct 2015 07:28:00 GMT", 99), milliseconds(100));
    EXPECT_LE(retry_delay(policy, 1, "-3", 99), milliseconds(100));
}

TEST(RetryPolicy, ZeroBaseMeansNoPause) {
    const RetryPolicy policy{
        .max_retries = 3, .backoff_base = milliseconds(0), .backoff_max = milliseconds(0)};
    EXPECT_EQ(retry_delay(policy, 3, std::nullopt, 12345), milliseconds(0));
}

}  // namespace
}  // namespace gw::proxy
