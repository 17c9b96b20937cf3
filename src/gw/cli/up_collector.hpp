#pragma once
// The trace collector that `planoai up --with-tracing` starts when none runs (cli.md §2.8), and
// that `planoai down` stops again — but only when `up` started it: a collector the user started
// with `planoai trace listen` keeps running.

#include "gw/base/result.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace gw::cli {

// The endpoint the gateway exports to: the collector's OTLP/gRPC port on this machine.
std::string collector_endpoint(std::uint16_t grpc_port);

// Starts `planoai trace listen --port P --http-port P+1` unless a collector already runs, or
// something already listens on P (taken to be a collector, as the reference does). true: this
// call started it (and recorded that for `planoai down`).
Result<bool> ensure_collector(std::uint16_t grpc_port);

// Stops the collector when `up` started it. true: one was stopped.
Result<bool> stop_collector_started_by_up(std::chrono::milliseconds timeout);

}  // namespace gw::cli
