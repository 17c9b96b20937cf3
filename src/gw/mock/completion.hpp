#pragma once
// The deterministic answer of the mock: what a request asked for (model, streaming, prompt size)
// and the reply derived from it. Pure data, no I/O, so every endpoint's output is unit-testable.

#include "gw/base/result.hpp"
#include "gw/mock/fault_script.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::mock {

// Converse: Bedrock's Converse API (model and streaming are in the path, not the body).
enum class MockApi { ChatCompletions, Messages, Responses, Converse };

// What the mock reads from a request body.
struct ParsedRequest {
    std::string model;
    bool stream = false;
    bool include_usage = false;  // chat: stream_options.include_usage
    // Bytes of every text of the prompt: system, message text parts and tool results (not tool
    // definitions or the arguments of earlier calls), so one conversation counts the same in
    // every API.
    size_t prompt_bytes = 0;
    std::string last_user_text;
    std::vector<std::string> tool_names;  // the tools the request defines
    // Set when the last message is a tool result (Chat role "tool", a Messages tool_result block,
    // a Responses function_call_output item): its text.
    std::optional<std::string> tool_result;
};

struct MockUsage {
    uint64_t input_tokens = 0;   // ceil(prompt_bytes / 4), cached tokens included
    uint64_t output_tokens = 0;  // words of the reply
    // Part of input_tokens (x-mock-cached-tokens); nullopt: usage has no cache fields at all.
    std::optional<uint64_t> cached_tokens;
    [[nodiscard]] uint64_t total() const { return input_tokens + output_tokens; }
    [[nodiscard]] uint64_t uncached_input() const {
        return input_tokens - cached_tokens.value_or(0);
    }
};

struct Completion {
    MockApi api = MockApi::ChatCompletions;
    uint64_t seq = 0;  // numbers the ids: chatcmpl-mock-<seq>, msg_mock_<seq>, resp_mock_<seq>
    std::string model;
    bool include_usage = false;
    // Set when the reply is a call of this tool instead of text; `pieces` are then the streamed
    // fragments of its arguments (a JSON object).
    std::optional<std::string> tool_name;
    std::vector<std::string> pieces;  // the reply as streamed; concatenated it is the full text
    MockUsage usage;

    [[nodiscard]] std::string text() const;
};

inline constexpr std::string_view kReplyPrefix = "Hello from plano-mock! You said: ";
inline constexpr std::string_view kToolResultPrefix = "Tool said: ";
inline constexpr size_t kEchoChars = 40;
// Tool call arguments stream in this many fragments unless x-mock-chunks says otherwise.
inline constexpr size_t kArgumentFragments = 4;

// Fails (InvalidArgument) when the body is not a JSON object.
[[nodiscard]] Result<ParsedRequest> parse_request(MockApi api, std::string_view body);
// A Converse request: `model` and `stream` come from the path (/model/<id>/converse[-stream]).
[[nodiscard]] Result<ParsedRequest> parse_converse_request(std::string_view model, bool stream,
                                                           std::string_view body);

// The reply is kReplyPrefix + the first kEchoChars characters of the last user message, split into
// words; x-mock-body-bytes pads it with filler words and x-mock-chunks regroups or extends the
// words into exactly that many pieces. After a tool result the reply is kToolResultPrefix + the
// first kEchoChars characters of that result. x-mock-tool-call turns the reply into a tool call
// whose arguments are split into at most x-mock-chunks (default kArgumentFragments) fragments.
[[nodiscard]] Completion make_completion(MockApi api, const ParsedRequest& request,
                                         const FaultScript& script, uint64_t seq);

}  // namespace gw::mock
