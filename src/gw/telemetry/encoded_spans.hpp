#pragma once
// Spans already encoded (encode_span_field), grouped by service name, waiting to be framed into
// OTLP export requests. The export queue collects them and the exporter thread frames and sends
// them, so a batch costs the exporter one memcpy per group, not a walk over every span.

#include "gw/telemetry/span.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gw::telemetry {

class EncodedSpans {
  public:
    // Encodes `span` into the group of its service name.
    void append(const Span& span);
    // Adds `span_field`, the output of encode_span_field, to the group of `service`.
    void append_encoded(std::string_view service, std::string_view span_field);

    // Spans held, over all groups.
    [[nodiscard]] std::size_t size() const { return count_; }
    // Forgets every span but keeps the buffers, so refilling does not allocate.
    void clear();
    // Keeps the first `keep` spans (counted as write_request counts them) and appends the rest
    // to `to`, each into the group of its service.
    void move_tail_to(std::size_t keep, EncodedSpans& to);

    // Replaces `out` with one ExportTraceServiceRequest holding `count` spans from span `first`,
    // counting spans group by group (groups in order of first appearance, spans in arrival order).
    void write_request(std::size_t first, std::size_t count, std::string& out) const;

  private:
    struct Group {
        std::string service;
        std::string fields;             // the group's span fields, back to back
        std::vector<std::size_t> ends;  // where each span's field ends in `fields`

        // Where span `span` of the group starts in `fields` (its end, for one past the last).
        [[nodiscard]] std::size_t start_of(std::size_t span) const;
    };

    Group& group_for(std::string_view service);

    std::vector<Group> groups_;
    std::size_t count_ = 0;
};

}  // namespace gw::telemetry
