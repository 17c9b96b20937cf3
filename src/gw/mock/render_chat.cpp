// OpenAI Chat Completions: chat.completion bodies and chat.completion.chunk streams.
#include "gw/mock/json_text.hpp"
#include "gw/mock/render.hpp"

#include <fmt/format.h>

namespace gw::mock::detail {
namespace {

std::string usage_json(const MockUsage& u) {
    return fmt::format(R"({{"prompt_tokens":{},"completion_tokens":{},"total_tokens":{}}})",
                       u.input_tokens, u.output_tokens, u.total());
}

// A chunk with `choices` as given (already JSON), in the shape every chunk of one stream shares.
std::string chunk(const Completion& c, std::string_view model, std::string_view choices) {
    return fmt::format(
        R"({{"id":"chatcmpl-mock-{}","object":"chat.completion.chunk","created":{},"model":{},)"
        R"("system_fingerprint":"fp_mock","choices":{}}})",
        c.seq, kCreated, model, choices);
}

std::string delta_choice(std::string_view delta, std::string_view finish_reason) {
    return fmt::format(R"([{{"index":0,"delta":{},"logprobs":null,"finish_reason":{}}}])", delta,
                       finish_reason);
}

}  // namespace

std::string chat_body(const Completion& c) {
    return fmt::format(
        R"({{"id":"chatcmpl-mock-{}","object":"chat.completion","created":{},"model":{},)"
        R"("system_fingerprint":"fp_mock","choices":[{{"index":0,"message":{{"role":"assistant",)"
        R"("content":{},"refusal":null}},"logprobs":null,"finish_reason":"stop"}}],"usage":{}}})",
        c.seq, kCreated, json_string(c.model), json_string(c.text()), usage_json(c.usage));
}

// role chunk, one chunk per piece, a finish chunk, the usage chunk if asked for, [DONE].
std::vector<SseFrame> chat_stream(const Completion& c) {
    const std::string model = json_string(c.model);
    std::vector<SseFrame> frames;
    frames.reserve(c.pieces.size() + 4);
    const auto role = delta_choice(R"({"role":"assistant","content":""})", "null");
    frames.push_back(sse_frame({}, chunk(c, model, role)));
    for (const auto& piece : c.pieces) {
        const auto delta = fmt::format(R"({{"content":{}}})", json_string(piece));
        frames.push_back(sse_frame({}, chunk(c, model, delta_choice(delta, "null")), true));
    }
    frames.push_back(sse_frame({}, chunk(c, model, delta_choice("{}", R"("stop")"))));
    if (c.include_usage) {
        const auto usage = chunk(c, model, "[]");
        // The usage chunk is the finish-less chunk with the extra "usage" member at the end.
        frames.push_back(sse_frame(
            {}, usage.substr(0, usage.size() - 1) + R"(,"usage":)" + usage_json(c.usage) + "}"));
    }
    frames.push_back(sse_frame({}, "[DONE]"));
    return frames;
}

}  // namespace gw::mock::detail
