#pragma once
// The `--json` output of `planoai trace`, in the reference CLI's shape (cli.md §3.3) so scripts
// written for it keep working: pretty-printed with a 2-space indent,
//   {"traces": [{"trace_id", "spans": [{"traceId", "spanId", "parentSpanId", "name",
//     "startTimeUnixNano", "endTimeUnixNano" (decimal strings), "service",
//     "attributes": [{"key", "value": {"stringValue"|"intValue" (string)|"doubleValue"|
//     "boolValue"|"arrayValue"}}]}]}]}
// or {"trace_ids": [...]} for --list. String arrays, which the reference dropped, are written as
// OTLP/JSON arrayValue; a non-finite double as the string "NaN", "Infinity" or "-Infinity". Pure.

#include "gw/collector/trace_store.hpp"

#include <span>
#include <string>

namespace gw::cli {

[[nodiscard]] std::string render_traces_json(std::span<const collector::StoredTrace> traces);
[[nodiscard]] std::string render_trace_ids_json(std::span<const collector::TraceSummary> traces);

}  // namespace gw::cli
