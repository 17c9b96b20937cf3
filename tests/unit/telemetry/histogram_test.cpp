#include "gw/telemetry/histogram.hpp"

#include <gtest/gtest.h>

#include <array>
#include <limits>

namespace gw::telemetry {
namespace {

constexpr std::array<double, 3> kBounds = {0.1, 0.5, 1.0};

TEST(BucketIndex, ValueOnABoundCountsInThatBoundsBucket) {
    EXPECT_EQ(bucket_index(kBounds, 0.1), 0u);
    EXPECT_EQ(bucket_index(kBounds, 0.5), 1u);
    EXPECT_EQ(bucket_index(kBounds, 1.0), 2u);
}

TEST(BucketIndex, ValuesBetweenBoundsGoToTheNextBoundAbove) {
    EXPECT_EQ(bucket_index(kBounds, 0.0), 0u);
    EXPECT_EQ(bucket_index(kBounds, 0.100001), 1u);
    EXPECT_EQ(bucket_index(kBounds, 0.75), 2u);
}

TEST(BucketIndex, ValuesAboveEveryBoundGoToTheInfBucket) {
    EXPECT_EQ(bucket_index(kBounds, 1.0000001), 3u);
    EXPECT_EQ(bucket_index(kBounds, std::numeric_limits<double>::infinity()), 3u);
}

TEST(HistogramCell, CountsPerBucketAndSums) {
    HistogramCell cell(kBounds);
    for (double v : {0.1, 0.1, 0.3, 1.0, 7.0}) cell.observe(v);
    HistogramSnapshot snapshot;
    cell.add_to(snapshot);
    EXPECT_EQ(snapshot.buckets, (std::vector<std::uint64_t>{2, 1, 1, 1}));
    EXPECT_DOUBLE_EQ(snapshot.sum, 8.5);
    EXPECT_EQ(snapshot.count(), 5u);
}

TEST(HistogramCell, SnapshotsOfSeveralCellsAddUp) {
    HistogramCell a(kBounds);
    HistogramCell b(kBounds);
    a.observe(0.2);
    b.observe(0.2);
    b.observe(2.0);
    HistogramSnapshot total;
    a.add_to(total);
    b.add_to(total);
    EXPECT_EQ(total.buckets, (std::vector<std::uint64_t>{0, 2, 0, 1}));
    EXPECT_DOUBLE_EQ(total.sum, 2.4);

    HistogramSnapshot merged;
    merged.add(total);
    merged.add(total);
    EXPECT_EQ(merged.count(), 6u);
    EXPECT_DOUBLE_EQ(merged.sum, 4.8);
}

TEST(HistogramCell, StartsEmpty) {
    HistogramCell cell(kBounds);
    HistogramSnapshot snapshot;
    cell.add_to(snapshot);
    EXPECT_EQ(snapshot.buckets, (std::vector<std::uint64_t>{0, 0, 0, 0}));
    EXPECT_EQ(snapshot.count(), 0u);
    EXPECT_EQ(snapshot.sum, 0.0);
}

}  // namespace
}  // namespace gw::telemetry
