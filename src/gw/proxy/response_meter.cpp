#include "gw/proxy/response_meter.hpp"

namespace gw::proxy {
namespace {

// Usage sits at the end of a body; beyond this size a body is not kept for it (as the reference).
constexpr std::size_t kMaxBufferedBody = 2u * 1024 * 1024;

}  // namespace

void ResponseMeter::begin(bool event_stream) { event_stream_ = event_stream; }

void ResponseMeter::on_bytes(std::string_view bytes) {
    if (bytes.empty()) return;
    if (!first_byte_) first_byte_ = std::chrono::steady_clock::now();
    bytes_ += bytes.size();
    if (event_stream_) {
        scanner_.feed(bytes, [this](const sse::SseEvent& event) {
            // Only events that mention usage or a finish reason, or the first one (model and
            // id), are worth a parse.
            if (meta_ && meta_->model && event.data.find("\"usage\"") == std::string_view::npos &&
                !json::states_finish_reason(event.data)) {
                return;
            }
            if (auto found = json::read_response_meta(event.data)) merge(*found);
        });
        return;
    }
    if (body_.size() + bytes.size() > kMaxBufferedBody) {
        body_truncated_ = true;
        return;
    }
    body_.append(bytes);
}

void ResponseMeter::finish() {
    if (event_stream_ || body_truncated_ || body_.empty()) return;
    if (auto found = json::read_response_meta(body_)) merge(*found);
    body_.clear();
}

void ResponseMeter::on_hidden_usage(const llm::Usage& usage) {
    if (meta_ && meta_->usage) return;
    json::ResponseMeta found;
    found.usage = usage;
    merge(found);
}

void ResponseMeter::merge(const json::ResponseMeta& found) {
    if (!meta_) meta_.emplace();
    if (found.model) meta_->model = found.model;
    if (found.id) meta_->id = found.id;
    if (found.usage) meta_->usage = found.usage;
    if (!found.finish_reasons.empty()) meta_->finish_reasons = found.finish_reasons;
}

}  // namespace gw::proxy
