#include "gw/telemetry/process_metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

namespace gw::telemetry {
namespace {

// Field 2 is the command in parentheses; it may contain spaces and ')' itself.
constexpr std::string_view kStat =
    "4242 (plano (w) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 3 0 12345 "
    "123456789 2560 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n";

TEST(ParseProcStat, ReadsCpuTimeAndResidentPages) {
    auto stats = parse_proc_stat(kStat, 100, 4096);
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_DOUBLE_EQ(stats->cpu_seconds, 3.0);  // (250 + 50) ticks at 100 per second
    EXPECT_EQ(stats->resident_memory_bytes, 2560u * 4096u);
}

TEST(ParseProcStat, RejectsTruncatedOrGarbledText) {
    EXPECT_FALSE(parse_proc_stat("4242 (plano) S 1 2 3", 100, 4096));
    EXPECT_FALSE(parse_proc_stat("no parenthesis at all", 100, 4096));
    EXPECT_FALSE(
        parse_proc_stat(std::string(kStat).replace(kStat.find("250"), 3, "2x0"), 100, 4096));
    EXPECT_FALSE(parse_proc_stat(kStat, 0, 4096));
}

TEST(ReadProcessStats, ReportsThisProcess) {
    auto stats = read_process_stats();
    ASSERT_TRUE(stats) << stats.error().message;
    EXPECT_GT(stats->resident_memory_bytes, 0u);
}

TEST(ReadProcessStats, CountsExactlyTheDescriptorsThisProcessHolds) {
    auto before = read_process_stats();
    ASSERT_TRUE(before);
    int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    auto during = read_process_stats();
    ::close(fd);
    ASSERT_TRUE(during);
    EXPECT_EQ(during->open_fds, before->open_fds + 1);
}

TEST(RenderProcessMetrics, UsesTheStandardNamesAndTypes) {
    std::string page;
    PrometheusText out(page);
    render_process_metrics(out, ProcessStats{1.5, 1024, 7});
    EXPECT_THAT(page, ::testing::HasSubstr("# TYPE process_cpu_seconds_total counter\n"
                                           "process_cpu_seconds_total 1.5\n"));
    EXPECT_THAT(page, ::testing::HasSubstr("# TYPE process_resident_memory_bytes gauge\n"
                                           "process_resident_memory_bytes 1024\n"));
    EXPECT_THAT(page, ::testing::HasSubstr("# TYPE process_open_fds gauge\nprocess_open_fds 7\n"));
}

}  // namespace
}  // namespace gw::telemetry
