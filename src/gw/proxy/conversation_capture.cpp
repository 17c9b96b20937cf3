#include "gw/proxy/conversation_capture.hpp"

#include "gw/json/member.hpp"

namespace gw::proxy {
namespace {

constexpr std::string_view kCompletedEvent = "response.completed";
// Larger answers are not kept for the conversation (the client still gets them whole).
constexpr std::size_t kMaxCapturedBody = 8u * 1024 * 1024;

}  // namespace

void ConversationCapture::on_bytes(std::string_view bytes) {
    if (!event_stream_) {
        if (body_.size() + bytes.size() <= kMaxCapturedBody) body_.append(bytes);
        return;
    }
    scanner_.feed(bytes, [this](const sse::SseEvent& event) {
        // OpenAI names the event on its `event:` line and again in the data's "type".
        bool completed =
            event.event == kCompletedEvent ||
            (event.event.empty() &&
             event.data.find("\"type\":\"response.completed\"") != std::string_view::npos);
        if (completed) completed_ = json::member_json(event.data, "response");
    });
}

std::optional<std::string> ConversationCapture::completed_response() {
    if (event_stream_) return std::move(completed_);
    if (body_.empty()) return std::nullopt;
    return std::move(body_);
}

}  // namespace gw::proxy
