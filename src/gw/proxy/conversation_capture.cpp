#include "gw/proxy/conversation_capture.hpp"

#include "gw/json/member.hpp"

namespace gw::proxy {
namespace {

constexpr std::string_view kCompletedEvent = "response.completed";

}  // namespace

void ConversationCapture::on_stream_bytes(std::string_view bytes) {
    scanner_.feed(bytes, [this](const sse::SseEvent& event) {
        // OpenAI names the event on its `event:` line and again in the data's "type".
        const bool completed =
            event.event == kCompletedEvent ||
            (event.event.empty() &&
             event.data.find(R"("type":"response.completed")") != std::string_view::npos);
        if (!completed) return;
        if (auto response = json::member_json(event.data, "response")) on_completed_(*response);
    });
}

}  // namespace gw::proxy
