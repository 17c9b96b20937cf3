// A collector that keeps failing logs once per interval, not once per batch.

#include "gw/exporter/failure_log.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace gw::exporter {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

int count_lines(const std::string& text) {
    int lines = 0;
    for (char c : text) lines += c == '\n' ? 1 : 0;
    return lines;
}

TEST(FailureLog, FirstFailureThenOneLinePerIntervalWithTheSuppressedCount) {
    log::set_level(log::Level::Info);
    FailureLog failures(std::chrono::seconds(30));
    const auto t0 = FailureLog::Clock::time_point{} + std::chrono::hours(1);
    ::testing::internal::CaptureStderr();
    failures.failed("export failed: 404", t0);
    for (int i = 1; i <= 5; ++i)
        failures.failed("export failed: 404", t0 + std::chrono::seconds(i));
    failures.failed("export failed: 404", t0 + std::chrono::seconds(31));
    const std::string out = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(count_lines(out), 2) << out;
    EXPECT_THAT(out, HasSubstr("export failed: 404 (5 similar failures not logged)"));
}

TEST(FailureLog, RecoveryIsLoggedOnceAndResetsTheWindow) {
    log::set_level(log::Level::Info);
    FailureLog failures(std::chrono::seconds(30));
    const auto t0 = FailureLog::Clock::time_point{} + std::chrono::hours(1);
    ::testing::internal::CaptureStderr();
    failures.failed("down", t0);
    failures.failed("down", t0 + std::chrono::seconds(1));
    failures.succeeded();
    failures.succeeded();
    failures.failed("down again", t0 + std::chrono::seconds(2));  // a new outage: logged at once
    const std::string out = ::testing::internal::GetCapturedStderr();
    EXPECT_THAT(out, HasSubstr("recovered after 2 failed batches"));
    EXPECT_THAT(out, HasSubstr("down again"));
    EXPECT_THAT(out, Not(HasSubstr("similar")));
    EXPECT_EQ(count_lines(out), 3) << out;
}

}  // namespace
}  // namespace gw::exporter
