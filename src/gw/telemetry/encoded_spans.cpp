#include "gw/telemetry/encoded_spans.hpp"

#include "gw/telemetry/otlp_encode.hpp"
#include "gw/telemetry/otlp_fields.hpp"
#include "gw/telemetry/protobuf_wire.hpp"
#include "gw/telemetry/utf8.hpp"

#include <algorithm>
#include <cassert>

namespace gw::telemetry {
namespace {

namespace field = otlp_field;
using wire::len_field_size;

constexpr std::string_view kServiceNameKey = "service.name";

// One group's part of a request: its service name and the span fields in range.
struct Slice {
    std::string_view service;
    std::string_view spans;
};

// Sizes of the messages around one slice, innermost first, as the writer needs them.
struct SliceSizes {
    std::size_t service;  // the sanitized service name
    std::size_t any_value;
    std::size_t key_value;
    std::size_t resource;
    std::size_t scope;
    std::size_t scope_spans;
    std::size_t resource_spans;

    explicit SliceSizes(const Slice& slice)
        : service(sanitized_utf8_size(slice.service)),
          any_value(len_field_size(field::kAnyString, service)),
          key_value(len_field_size(field::kKeyValueKey, kServiceNameKey.size()) +
                    len_field_size(field::kKeyValueValue, any_value)),
          resource(len_field_size(field::kResourceAttributes, key_value)),
          scope(len_field_size(field::kScopeName, kScopeName.size())),
          scope_spans(len_field_size(field::kScopeSpansScope, scope) + slice.spans.size()),
          resource_spans(len_field_size(field::kResourceSpansResource, resource) +
                         len_field_size(field::kResourceSpansScopeSpans, scope_spans)) {}
};

void write_slice(wire::Writer& w, const Slice& slice, const SliceSizes& n) {
    w.len_header(field::kRequestResourceSpans, n.resource_spans);
    w.len_header(field::kResourceSpansResource, n.resource);
    w.len_header(field::kResourceAttributes, n.key_value);
    w.bytes_field(field::kKeyValueKey, kServiceNameKey);
    w.len_header(field::kKeyValueValue, n.any_value);
    w.len_header(field::kAnyString, n.service);
    w.cursor() = write_sanitized_utf8(slice.service, w.cursor());
    w.len_header(field::kResourceSpansScopeSpans, n.scope_spans);
    w.len_header(field::kScopeSpansScope, n.scope);
    w.bytes_field(field::kScopeName, kScopeName);
    w.raw(slice.spans);
}

}  // namespace

std::size_t EncodedSpans::Group::start_of(std::size_t span) const {
    return span == 0 ? 0 : ends[span - 1];
}

EncodedSpans::Group& EncodedSpans::group_for(std::string_view service) {
    auto it = std::find_if(groups_.begin(), groups_.end(),
                           [&](const Group& g) { return g.service == service; });
    if (it == groups_.end())
        it = groups_.insert(groups_.end(), Group{std::string(service), {}, {}});
    return *it;
}

void EncodedSpans::append(const Span& span) {
    append_encoded(span.service_name, encode_span_field(span));
}

void EncodedSpans::append_encoded(std::string_view service, std::string_view span_field) {
    Group& group = group_for(service);
    group.fields.append(span_field);
    group.ends.push_back(group.fields.size());
    ++count_;
}

void EncodedSpans::clear() {
    for (Group& g : groups_) {
        g.fields.clear();
        g.ends.clear();
    }
    count_ = 0;
}

void EncodedSpans::move_tail_to(std::size_t keep, EncodedSpans& to) {
    std::size_t group_first = 0;  // index of the group's first span, over all groups
    for (Group& g : groups_) {
        const std::size_t held = g.ends.size();
        const std::size_t kept = keep > group_first ? std::min(held, keep - group_first) : 0;
        for (std::size_t i = kept; i < held; ++i) {
            const std::size_t begin = g.start_of(i);
            to.append_encoded(g.service,
                              std::string_view(g.fields).substr(begin, g.ends[i] - begin));
        }
        g.fields.resize(g.start_of(kept));
        g.ends.resize(kept);
        count_ -= held - kept;
        group_first += held;
    }
}

void EncodedSpans::write_request(std::size_t first, std::size_t count, std::string& out) const {
    std::vector<Slice> slices;
    std::size_t group_first = 0;  // index of the group's first span, over all groups
    const std::size_t last = std::min(first + count, count_);
    for (const Group& g : groups_) {
        const std::size_t group_last = group_first + g.ends.size();
        const std::size_t from = std::max(first, group_first);
        const std::size_t to = std::min(last, group_last);
        if (from < to) {
            const std::size_t begin = g.start_of(from - group_first);
            const std::size_t end = g.ends[to - group_first - 1];
            slices.push_back({g.service, std::string_view(g.fields).substr(begin, end - begin)});
        }
        group_first = group_last;
    }
    std::vector<SliceSizes> sizes;
    sizes.reserve(slices.size());
    std::size_t total = 0;
    for (const Slice& slice : slices) {
        const SliceSizes& n = sizes.emplace_back(slice);
        total += len_field_size(field::kRequestResourceSpans, n.resource_spans);
    }
    out.resize(total);
    wire::Writer w(out.data());
    for (std::size_t i = 0; i < slices.size(); ++i) write_slice(w, slices[i], sizes[i]);
    assert(w.position() == out.data() + out.size());
}

}  // namespace gw::telemetry
