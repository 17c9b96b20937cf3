// OpenAI Chat Completions: chat.completion bodies and chat.completion.chunk streams.
#include "gw/mock/json_text.hpp"
#include "gw/mock/render.hpp"

#include <fmt/format.h>

namespace gw::mock::detail {
namespace {

// prompt_tokens includes the cached tokens, as OpenAI counts them.
std::string usage_json(const MockUsage& u) {
    std::string cached;
    if (u.cached_tokens) {
        cached =
            fmt::format(R"(,"prompt_tokens_details":{{"cached_tokens":{}}})", *u.cached_tokens);
    }
    return fmt::format(R"({{"prompt_tokens":{},"completion_tokens":{},"total_tokens":{}{}}})",
                       u.input_tokens, u.output_tokens, u.total(), cached);
}

std::string_view finish_reason(const Completion& c) {
    return c.tool_name ? R"("tool_calls")" : R"("stop")";
}

// One entry of "tool_calls"; streams send the id and name once, then only argument fragments.
std::string tool_call(const Completion& c, std::string_view arguments_json) {
    return fmt::format(
        R"({{"index":0,"id":"call_mock_{}","type":"function","function":{{"name":{},"arguments":{}}}}})",
        c.seq, json_string(*c.tool_name), arguments_json);
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

std::string first_delta(const Completion& c) {
    if (!c.tool_name) return R"({"role":"assistant","content":""})";
    return R"({"role":"assistant","content":null,"tool_calls":[)" + tool_call(c, R"("")") + "]}";
}

std::string piece_delta(const Completion& c, std::string_view piece) {
    if (!c.tool_name) return fmt::format(R"({{"content":{}}})", json_string(piece));
    return fmt::format(R"({{"tool_calls":[{{"index":0,"function":{{"arguments":{}}}}}]}})",
                       json_string(piece));
}

}  // namespace

std::string chat_body(const Completion& c) {
    const std::string text = json_string(c.text());
    const std::string reply = c.tool_name
                                  ? R"("content":null,"tool_calls":[)" + tool_call(c, text) + "]"
                                  : R"("content":)" + text;
    return fmt::format(
        R"({{"id":"chatcmpl-mock-{}","object":"chat.completion","created":{},"model":{},)"
        R"("system_fingerprint":"fp_mock","choices":[{{"index":0,"message":{{"role":"assistant",)"
        R"({},"refusal":null}},"logprobs":null,"finish_reason":{}}}],"usage":{}}})",
        c.seq, kCreated, json_string(c.model), reply, finish_reason(c), usage_json(c.usage));
}

// role chunk, one chunk per piece, a finish chunk, the usage chunk if asked for, [DONE].
std::vector<SseFrame> chat_stream(const Completion& c) {
    const std::string model = json_string(c.model);
    std::vector<SseFrame> frames;
    frames.reserve(c.pieces.size() + 4);
    frames.push_back(sse_frame({}, chunk(c, model, delta_choice(first_delta(c), "null"))));
    for (const auto& piece : c.pieces) {
        frames.push_back(
            sse_frame({}, chunk(c, model, delta_choice(piece_delta(c, piece), "null")), true));
    }
    frames.push_back(sse_frame({}, chunk(c, model, delta_choice("{}", finish_reason(c)))));
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
