// gw::sse::SseScanner: framing must not depend on how the bytes are sliced. The first input byte
// picks a split point (and a slice size), the second an event size limit; the rest is the
// stream. It is fed whole, in two slices, in slices of 1-8 bytes, and whole again after
// reset(); every run must dispatch the same events and end in the same state.

#include "gw/sse/scanner.hpp"

#include "fuzz_util.hpp"
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using gw::fuzz::check;

struct Event {
    std::string event;
    std::string data;
    std::string id;
    bool operator==(const Event&) const = default;
};

struct Outcome {
    std::vector<Event> events;
    bool failed = false;
    bool at_boundary = false;
};

// Feeds `stream` cut at every offset in `cuts` (ascending, within the stream).
Outcome scan(gw::sse::SseScanner& scanner, std::string_view stream, const std::vector<size_t>& cuts,
             size_t max_event_bytes) {
    Outcome out;
    size_t from = 0;
    auto on_event = [&](const gw::sse::SseEvent& e) {
        // A dispatched event never exceeds the limit it was built under.
        check(e.data.size() <= max_event_bytes);
        out.events.push_back({std::string(e.event), std::string(e.data), std::string(e.id)});
    };
    bool ok = true;
    for (size_t cut : cuts) {
        ok = scanner.feed(stream.substr(from, cut - from), on_event);
        from = cut;
    }
    const bool last_ok = scanner.feed(stream.substr(from), on_event);
    // feed() reports failure, and once failed stays failed.
    check(!(!ok && last_ok));
    check(last_ok == !scanner.failed());
    out.failed = scanner.failed();
    out.at_boundary = scanner.at_event_boundary();
    return out;
}

bool is_prefix(const std::vector<Event>& prefix, const std::vector<Event>& of) {
    if (prefix.size() > of.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        if (!(prefix[i] == of[i])) return false;
    }
    return true;
}

// `sliced` is the outcome of the same stream as `whole` cut into slices. A slice boundary may
// make the scanner buffer (and so count) a comment line that a whole feed skips, which can only
// make it fail earlier: its events are then a prefix of the whole feed's. Otherwise the two
// runs are indistinguishable.
void check_same(const Outcome& whole, const Outcome& sliced) {
    check(is_prefix(sliced.events, whole.events));
    if (whole.failed) check(sliced.failed);
    if (!sliced.failed) {
        check(!whole.failed);
        check(sliced.events == whole.events);
        check(sliced.at_boundary == whole.at_boundary);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view stream = gw::fuzz::as_view(data, size);
    const uint8_t split_control = gw::fuzz::take_control(stream);
    const uint8_t limit_control = gw::fuzz::take_control(stream);
    // Half the inputs run with a tiny limit, so the failure paths are exercised too.
    const size_t max_event_bytes = (limit_control & 0x80) != 0
                                       ? static_cast<size_t>(limit_control & 0x7f)
                                       : gw::sse::SseScanner::kDefaultMaxEventBytes;
    const bool limited = max_event_bytes < stream.size() + 1;

    gw::sse::SseScanner whole_scanner(max_event_bytes);
    const Outcome whole = scan(whole_scanner, stream, {}, max_event_bytes);
    if (!limited) check(!whole.failed);

    gw::sse::SseScanner split_scanner(max_event_bytes);
    const size_t split = gw::fuzz::split_point(split_control, stream.size());
    const Outcome halves = scan(split_scanner, stream, {split}, max_event_bytes);
    check_same(whole, halves);
    if (!limited) check(halves.events == whole.events && !halves.failed);

    // Small slices of 1 to 8 bytes: every line end, CR LF pair and field straddles a boundary.
    const size_t slice = 1 + split_control % 8;
    std::vector<size_t> slices;
    for (size_t cut = slice; cut < stream.size(); cut += slice) slices.push_back(cut);
    gw::sse::SseScanner slice_scanner(max_event_bytes);
    check_same(whole, scan(slice_scanner, stream, slices, max_event_bytes));

    // reset() restores the initial state, whatever state the scanner was left in.
    split_scanner.reset();
    const Outcome again = scan(split_scanner, stream, {}, max_event_bytes);
    check(again.events == whole.events && again.failed == whole.failed &&
          again.at_boundary == whole.at_boundary);
    return 0;
}
