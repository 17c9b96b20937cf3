#pragma once
// OTLP/HTTP receiver, the RequestHandler behind the collector's HttpServer:
//   POST /v1/traces  application/x-protobuf or application/json, optionally Content-Encoding: gzip
//                    200 + an empty ExportTraceServiceResponse in the request's encoding;
//                    400 (malformed) / 503 + Retry-After (queue full) with a google.rpc.Status body
//                    in the request's encoding; 415 for other media types or encodings
//   GET  /healthz    200 "ok" (what `planoai trace listen` polls while the daemon starts)
//   anything else    404 (405 for another method on /v1/traces)

#include "gw/collector/ingest_queue.hpp"

#include <cstddef>
#include <memory>

namespace gw::http {
class RequestHandler;
}

namespace gw::collector {

struct HttpReceiverOptions {
    // Limit on a gzip body once inflated (the server's body limit bounds the compressed size).
    std::size_t max_inflated_bytes = 64u * 1024 * 1024;
};

// The handler borrows `queue`, which must outlive it.
[[nodiscard]] std::unique_ptr<http::RequestHandler> make_otlp_http_handler(
    IngestQueue& queue, HttpReceiverOptions options);

}  // namespace gw::collector
