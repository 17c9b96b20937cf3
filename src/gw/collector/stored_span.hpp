#pragma once
// A span as the collector receives and stores it: everything OTLP carries that `planoai trace`
// shows or filters on, plus the resource it came from. Unlike telemetry::Span (which the gateway
// builds and bounds), attributes are a plain list: the collector keeps what a client sent.

#include "gw/telemetry/attributes.hpp"
#include "gw/telemetry/ids.hpp"
#include "gw/telemetry/span.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gw::collector {

// Keys are unique within a list (a repeated key in the input keeps its last value, in the
// position of its first appearance, as telemetry::Attributes does).
using AttributeList = std::vector<telemetry::Attribute>;

inline void set_attribute(AttributeList& list, telemetry::Attribute attribute) {
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const telemetry::Attribute& a) { return a.key == attribute.key; });
    if (it == list.end()) {
        list.push_back(std::move(attribute));
    } else {
        it->value = std::move(attribute.value);
    }
}

struct StoredEvent {
    std::string name;
    telemetry::UnixTime time{};
    AttributeList attributes;

    friend bool operator==(const StoredEvent&, const StoredEvent&) = default;
};

struct StoredSpan {
    telemetry::TraceId trace_id;
    telemetry::SpanId span_id;
    std::optional<telemetry::SpanId> parent_span_id;  // nullopt for a root span
    std::string trace_state;
    std::string name;
    // Value-initialized to 0, OTLP's SPAN_KIND_UNSPECIFIED (what an absent field means), which has
    // no telemetry::SpanKind enumerator but is kept as is.
    telemetry::SpanKind kind{};
    telemetry::UnixTime start_time{};
    telemetry::UnixTime end_time{};
    AttributeList attributes;
    std::vector<StoredEvent> events;
    telemetry::SpanStatus status;
    // The resource's service.name when it is a string, else empty.
    std::string service_name;
    AttributeList resource_attributes;  // all of them, service.name included

    friend bool operator==(const StoredSpan&, const StoredSpan&) = default;
};

}  // namespace gw::collector
