#pragma once
// The parent/child shape of one trace, for drawing it nested. Pure.

#include "gw/collector/trace_store.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace gw::cli {

// Indices into the span list the tree was built from. Every span appears exactly once.
struct SpanTree {
    // Spans without a parent, spans whose parent is not in the trace (orphans: the parent was
    // not sampled, not yet received, or dropped by --since), and one span of every parent cycle
    // (corrupt data must not hang the CLI); by start time, then span id.
    std::vector<std::size_t> roots;
    // children[i]: the spans whose parent is span i, by start time, then span id.
    std::vector<std::vector<std::size_t>> children;
};

[[nodiscard]] SpanTree build_span_tree(std::span<const collector::StoredSpan> spans);

// Earliest start and latest end over all spans (an end before its start counts as the start).
struct TraceExtent {
    telemetry::UnixTime start{};
    telemetry::UnixTime end{};
};

[[nodiscard]] TraceExtent trace_extent(std::span<const collector::StoredSpan> spans);

// The summary `--list` and the picker show, for traces the store already returned.
[[nodiscard]] collector::TraceSummary summarize(const collector::StoredTrace& trace);

}  // namespace gw::cli
