#pragma once
// What both OTLP receivers do with one export, whatever the transport: decode the payload and
// hand the spans to the IngestQueue. The transports only map the outcome to their status codes
// (HTTP 200/400/503, gRPC OK/INVALID_ARGUMENT/UNAVAILABLE).

#include "gw/collector/ingest_queue.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace gw::collector {

enum class PayloadFormat { Protobuf, Json };

enum class IngestStatus {
    Stored,       // queued for the store (all spans of the export)
    Invalid,      // malformed payload: nothing stored, retrying will not help
    Unavailable,  // queue full or shutting down: nothing stored, retry later
};

struct IngestOutcome {
    IngestStatus status = IngestStatus::Stored;
    std::string message;  // for Invalid and Unavailable: what went wrong, for the client
    std::size_t spans = 0;
};

// Thread-safe (the queue is); never blocks on the store.
[[nodiscard]] IngestOutcome ingest_export(std::string_view payload, PayloadFormat format,
                                          IngestQueue& queue);

}  // namespace gw::collector
