#include "gw/mock/render.hpp"

#include "gw/mock/json_text.hpp"

#include <fmt/format.h>

#include <iterator>

namespace gw::mock {
namespace {

// The error "type" both OpenAI and Anthropic use for a status (they agree on these names).
std::string_view error_type(unsigned status) {
    switch (status) {
        case 400:
            return "invalid_request_error";
        case 401:
            return "authentication_error";
        case 403:
            return "permission_error";
        case 404:
            return "not_found_error";
        case 408:
            return "timeout_error";
        case 413:
            return "request_too_large";
        case 429:
            return "rate_limit_error";
        case 529:
            return "overloaded_error";
        default:
            return status >= 500 ? "api_error" : "invalid_request_error";
    }
}

}  // namespace

std::string render_body(const Completion& completion) {
    switch (completion.api) {
        case MockApi::Messages:
            return detail::messages_body(completion);
        case MockApi::Responses:
            return detail::responses_body(completion);
        case MockApi::Converse:
            return detail::converse_body(completion);
        case MockApi::ChatCompletions:
            break;
    }
    return detail::chat_body(completion);
}

std::vector<SseFrame> render_stream(const Completion& completion) {
    switch (completion.api) {
        case MockApi::Messages:
            return detail::messages_stream(completion);
        case MockApi::Responses:
            return detail::responses_stream(completion);
        case MockApi::Converse:
            return detail::converse_stream(completion);
        case MockApi::ChatCompletions:
            break;
    }
    return detail::chat_stream(completion);
}

std::string render_error(MockApi api, unsigned status, std::string_view message) {
    const std::string_view type = error_type(status);
    const std::string text = json_string(message);
    if (api == MockApi::Converse) return fmt::format(R"({{"message":{}}})", text);
    if (api == MockApi::Messages) {
        return fmt::format(R"({{"type":"error","error":{{"type":"{}","message":{}}}}})", type,
                           text);
    }
    const std::string_view code = status == 429 ? "rate_limit_exceeded" : type;
    return fmt::format(R"({{"error":{{"message":{},"type":"{}","param":null,"code":"{}"}}}})", text,
                       type, code);
}

std::string render_models() {
    static constexpr std::string_view kModels[] = {
        "gpt-4o-mini", "gpt-4o", "claude-3-5-haiku-latest", "claude-sonnet-4-20250514"};
    std::string out = R"({"object":"list","data":[)";
    for (const auto model : kModels) {
        if (out.back() != '[') out += ',';
        fmt::format_to(std::back_inserter(out),
                       R"({{"id":"{}","object":"model","created":{},"owned_by":"plano-mock"}})",
                       model, kCreated);
    }
    out += "]}";
    return out;
}

namespace detail {

SseFrame sse_frame(std::string_view event, std::string_view json, bool content) {
    SseFrame frame{.bytes = {}, .content = content};
    frame.bytes.reserve(json.size() + event.size() + 16);
    if (!event.empty()) {
        frame.bytes += "event: ";
        frame.bytes += event;
        frame.bytes += '\n';
    }
    frame.bytes += "data: ";
    frame.bytes += json;
    frame.bytes += "\n\n";
    return frame;
}

}  // namespace detail
}  // namespace gw::mock
