#pragma once
// Where the collector keeps spans and where `planoai trace` reads them. Implementations: an
// SQLite file (SqliteTraceStore; survives restarts, shared between the collector process and CLI
// processes). Each object is used by one thread at a time.

#include "gw/base/result.hpp"
#include "gw/collector/stored_span.hpp"
#include "gw/telemetry/ids.hpp"
#include "gw/telemetry/span.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gw::collector {

// `--where key=value`: some span of the trace has attribute `key` whose scalar_text() is `value`
// (booleans also match "True"/"False", the reference CLI's spelling).
struct AttributeFilter {
    std::string key;  // [A-Za-z0-9_.:-]+, as the CLI validates
    std::string value;
};

struct TraceQuery {
    // Spans that started before `since` are left out, and traces left with no span with them.
    std::optional<telemetry::UnixTime> since{};
    std::size_t limit = 0;                 // at most this many traces; 0 means no limit
    std::vector<AttributeFilter> where{};  // all must hold (AND)
    // A trace matches when some span's name or service name matches this pattern, where `*`
    // matches any run of characters and everything else is literal (case-sensitive). Empty: all.
    std::string name_pattern{};
    // Lowercase hex; a trace matches when its id starts with it. Empty: all.
    std::string trace_id_prefix{};
};

struct StoredTrace {
    telemetry::TraceId trace_id;
    std::vector<StoredSpan> spans;  // by start time, then span id
};

struct TraceSummary {
    telemetry::TraceId trace_id;
    telemetry::UnixTime start_time{};  // earliest span start
    telemetry::UnixTime end_time{};    // latest span end (or start, for spans without an end)
    std::size_t span_count = 0;
    std::string root_name;     // name of the earliest root span; empty when the root is missing
    std::string root_service;  // its service name

    friend bool operator==(const TraceSummary&, const TraceSummary&) = default;
};

struct RetentionPolicy {
    std::size_t max_traces = 0;          // keep the newest N traces; 0 means no count limit
    std::chrono::nanoseconds max_age{};  // drop traces whose last span ended longer ago; 0: none
};

class TraceStore {
  public:
    virtual ~TraceStore() = default;

    // Stores every span of the batch or none. A span whose (trace id, span id) is already stored
    // is ignored, as the reference de-duplicates.
    [[nodiscard]] virtual Result<void> insert(std::span<const StoredSpan> batch) = 0;
    // Matching traces, newest (latest trace start) first.
    [[nodiscard]] virtual Result<std::vector<StoredTrace>> query(const TraceQuery& q) = 0;
    // The newest `limit` traces (0: all), newest first.
    [[nodiscard]] virtual Result<std::vector<TraceSummary>> list(std::size_t limit) = 0;
    // Applies the policy as of `now`; returns how many traces were removed.
    [[nodiscard]] virtual Result<std::size_t> retain(const RetentionPolicy& policy,
                                                     telemetry::UnixTime now) = 0;
};

}  // namespace gw::collector
