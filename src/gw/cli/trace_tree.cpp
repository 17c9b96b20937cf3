#include "gw/cli/trace_tree.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace gw::cli {
namespace {

using collector::StoredSpan;

std::uint64_t key_of(const telemetry::SpanId& id) {
    std::uint64_t key = 0;
    for (const std::uint8_t b : id.bytes()) key = (key << 8) | b;
    return key;
}

// The parent's index for every span, nullopt for roots and orphans. A repeated span id resolves
// to its first occurrence.
std::vector<std::optional<std::size_t>> parent_indices(std::span<const StoredSpan> spans) {
    std::unordered_map<std::uint64_t, std::size_t> index;
    index.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) index.emplace(key_of(spans[i].span_id), i);
    std::vector<std::optional<std::size_t>> parents(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (!spans[i].parent_span_id) continue;
        const auto it = index.find(key_of(*spans[i].parent_span_id));
        if (it != index.end()) parents[i] = it->second;
    }
    return parents;
}

// Marks every span reachable from `root` through `children` (iteratively: chains can be deep).
void visit_subtree(std::size_t root, const SpanTree& tree, std::vector<bool>& visited) {
    std::vector<std::size_t> stack{root};
    while (!stack.empty()) {
        const std::size_t i = stack.back();
        stack.pop_back();
        if (visited[i]) continue;
        visited[i] = true;
        for (const std::size_t child : tree.children[i]) stack.push_back(child);
    }
}

// Walks up from `start` until a span repeats: that span lies on a parent cycle.
std::size_t span_on_cycle(std::size_t start,
                          const std::vector<std::optional<std::size_t>>& parents) {
    std::unordered_set<std::size_t> seen;
    std::size_t i = start;
    while (seen.insert(i).second) i = *parents[i];
    return i;
}

}  // namespace

SpanTree build_span_tree(std::span<const StoredSpan> spans) {
    const auto earlier = [&](std::size_t a, std::size_t b) {
        if (spans[a].start_time != spans[b].start_time) {
            return spans[a].start_time < spans[b].start_time;
        }
        return spans[a].span_id.bytes() < spans[b].span_id.bytes();
    };
    const std::vector<std::optional<std::size_t>> parents = parent_indices(spans);
    SpanTree tree;
    tree.children.resize(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (parents[i]) {
            tree.children[*parents[i]].push_back(i);
        } else {
            tree.roots.push_back(i);
        }
    }
    std::vector<bool> visited(spans.size(), false);
    for (const std::size_t root : tree.roots) visit_subtree(root, tree, visited);
    // What no root reaches hangs off a cycle; cut each cycle at one span and make it a root.
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (visited[i]) continue;
        const std::size_t cut = span_on_cycle(i, parents);
        std::erase(tree.children[*parents[cut]], cut);
        tree.roots.push_back(cut);
        visit_subtree(cut, tree, visited);
    }
    std::sort(tree.roots.begin(), tree.roots.end(), earlier);
    for (auto& children : tree.children) std::sort(children.begin(), children.end(), earlier);
    return tree;
}

TraceExtent trace_extent(std::span<const StoredSpan> spans) {
    if (spans.empty()) return {};
    TraceExtent extent{spans.front().start_time, spans.front().start_time};
    for (const StoredSpan& s : spans) {
        extent.start = std::min(extent.start, s.start_time);
        extent.end = std::max({extent.end, s.start_time, s.end_time});
    }
    return extent;
}

collector::TraceSummary summarize(const collector::StoredTrace& trace) {
    const TraceExtent extent = trace_extent(trace.spans);
    collector::TraceSummary summary{trace.trace_id,     extent.start, extent.end,
                                    trace.spans.size(), {},           {}};
    const StoredSpan* root = nullptr;
    for (const StoredSpan& span : trace.spans) {
        if (!span.parent_span_id && (root == nullptr || span.start_time < root->start_time)) {
            root = &span;
        }
    }
    if (root != nullptr) {
        summary.root_name = root->name;
        summary.root_service = root->service_name;
    }
    return summary;
}

}  // namespace gw::cli
