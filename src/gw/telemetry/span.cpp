#include "gw/telemetry/span.hpp"

#include <utility>

namespace gw::telemetry {

void Span::add_event(SpanEvent event) {
    if (events.size() >= kDefaultEventLimit) {
        ++dropped_events;
        return;
    }
    events.push_back(std::move(event));
}

}  // namespace gw::telemetry
