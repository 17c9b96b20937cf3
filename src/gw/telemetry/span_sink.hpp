#pragma once
// Where finished spans go. Implementations (OTLP exporters) must never block the caller: a full
// queue drops the span and counts it.

#include "gw/telemetry/span.hpp"

namespace gw::telemetry {

class SpanSink {
  public:
    virtual ~SpanSink() = default;
    // Takes ownership of a finished span. Thread-safe. Returns false when the span was dropped.
    virtual bool submit(Span&& span) = 0;
};

}  // namespace gw::telemetry
