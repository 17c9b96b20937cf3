#pragma once
// The built-in trace collector (`planoai trace listen`): an OTLP/gRPC receiver and an OTLP/HTTP
// receiver on one host, both feeding one IngestQueue whose writer thread owns the trace store.
// start() once, then stop() (idempotent, also run by the destructor) from the same thread.

#include "gw/base/result.hpp"
#include "gw/collector/ingest_queue.hpp"
#include "gw/collector/trace_store.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace gw::collector {

struct CollectorOptions {
    std::string host = "127.0.0.1";
    std::uint16_t grpc_port = 4317;  // 0: any free port (tests)
    std::uint16_t http_port = 4318;
    std::size_t max_body_bytes = 32u * 1024 * 1024;  // HTTP body / gRPC message
    IngestOptions ingest{};
};

struct CollectorPorts {
    std::uint16_t grpc = 0;
    std::uint16_t http = 0;
};

class CollectorServer {
  public:
    CollectorServer(std::unique_ptr<TraceStore> store, CollectorOptions options);
    // Calls stop().
    ~CollectorServer();
    CollectorServer(const CollectorServer&) = delete;
    CollectorServer& operator=(const CollectorServer&) = delete;

    // Binds both ports and starts serving. A taken port is an Error::Kind::Io whose message names
    // the port; nothing is left bound on error.
    [[nodiscard]] Result<CollectorPorts> start();
    // Stops accepting, finishes exports in progress (bounded by `grace`), commits every accepted
    // span to the store, frees both ports. Idempotent.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    [[nodiscard]] IngestStats stats() const;
    // The queue, for tests that wait until every accepted export was committed.
    [[nodiscard]] IngestQueue& queue();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::collector
