#include "gw/collector/otlp_ingest.hpp"

#include "gw/telemetry/otlp_encode.hpp"

#include <gtest/gtest.h>

#include "recording_store.hpp"
#include "sample_spans.hpp"

namespace gw::collector {
namespace {

using testing::RecordingStore;

std::string two_span_export() {
    std::vector<telemetry::Span> spans{testing::gateway_span(1, 1, "plano(llm)"),
                                       testing::gateway_span(1, 2, "plano(outbound)")};
    return telemetry::encode_export_request(spans);
}

TEST(IngestExport, QueuesEveryDecodedSpan) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), {});
    IngestOutcome outcome = ingest_export(two_span_export(), PayloadFormat::Protobuf, queue);
    EXPECT_EQ(outcome.status, IngestStatus::Stored);
    EXPECT_EQ(outcome.spans, 2u);
    EXPECT_EQ(queue.stats().accepted_batches, 1u);
}

TEST(IngestExport, RefusesMalformedPayloadsWithoutQueueingAnything) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), {});
    std::string valid = two_span_export();
    IngestOutcome truncated =
        ingest_export(valid.substr(0, valid.size() - 1), PayloadFormat::Protobuf, queue);
    EXPECT_EQ(truncated.status, IngestStatus::Invalid);
    EXPECT_NE(truncated.message.find("malformed OTLP/protobuf"), std::string::npos);
    IngestOutcome json = ingest_export(R"({"resourceSpans":7})", PayloadFormat::Json, queue);
    EXPECT_EQ(json.status, IngestStatus::Invalid);
    EXPECT_NE(json.message.find("malformed OTLP/JSON"), std::string::npos);
    EXPECT_EQ(queue.stats().accepted_batches, 0u);
}

TEST(IngestExport, AcknowledgesAnEmptyExportWithoutQueueingIt) {
    RecordingStore::State state;
    IngestQueue queue(std::make_unique<RecordingStore>(state), {});
    EXPECT_EQ(ingest_export("", PayloadFormat::Protobuf, queue).status, IngestStatus::Stored);
    EXPECT_EQ(ingest_export("{}", PayloadFormat::Json, queue).status, IngestStatus::Stored);
    EXPECT_EQ(queue.stats().accepted_batches, 0u);
}

TEST(IngestExport, AsksForARetryWhenTheQueueIsFullOrClosed) {
    RecordingStore::State state;
    IngestOptions options;
    options.max_queued_spans = 2;
    IngestQueue queue(std::make_unique<RecordingStore>(state), options);
    ASSERT_EQ(ingest_export(two_span_export(), PayloadFormat::Protobuf, queue).status,
              IngestStatus::Stored);
    IngestOutcome full = ingest_export(two_span_export(), PayloadFormat::Protobuf, queue);
    EXPECT_EQ(full.status, IngestStatus::Unavailable);
    EXPECT_NE(full.message.find("queue is full"), std::string::npos);
    queue.stop();
    IngestOutcome closed = ingest_export(two_span_export(), PayloadFormat::Protobuf, queue);
    EXPECT_EQ(closed.status, IngestStatus::Unavailable);
    EXPECT_NE(closed.message.find("shutting down"), std::string::npos);
}

}  // namespace
}  // namespace gw::collector
