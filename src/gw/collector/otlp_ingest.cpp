#include "gw/collector/otlp_ingest.hpp"

#include "gw/collector/otlp_decode.hpp"
#include "gw/collector/otlp_json_decode.hpp"

#include <fmt/format.h>

#include <utility>

namespace gw::collector {

IngestOutcome ingest_export(std::string_view payload, PayloadFormat format, IngestQueue& queue) {
    Result<std::vector<StoredSpan>> spans = format == PayloadFormat::Protobuf
                                                ? decode_export_request(payload)
                                                : decode_export_request_json(payload);
    if (!spans) {
        const char* what = format == PayloadFormat::Protobuf ? "protobuf" : "JSON";
        return {IngestStatus::Invalid,
                fmt::format("malformed OTLP/{} ExportTraceServiceRequest: {}", what,
                            spans.error().message),
                0};
    }
    std::size_t count = spans->size();
    // An export without spans is valid OTLP (an SDK's empty flush): acknowledge it, store nothing.
    if (count == 0) return {IngestStatus::Stored, {}, 0};
    switch (queue.push(std::move(*spans))) {
        case Admission::Accepted:
            return {IngestStatus::Stored, {}, count};
        case Admission::QueueFull:
            return {IngestStatus::Unavailable, "trace store queue is full; retry the export later",
                    0};
        case Admission::Closed:
            return {IngestStatus::Unavailable, "collector is shutting down", 0};
    }
    return {IngestStatus::Unavailable, "collector is shutting down", 0};
}

}  // namespace gw::collector
