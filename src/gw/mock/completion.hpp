#pragma once
// The deterministic answer of the mock: what a request asked for (model, streaming, prompt size)
// and the reply derived from it. Pure data, no I/O, so every endpoint's output is unit-testable.

#include "gw/base/result.hpp"
#include "gw/mock/fault_script.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gw::mock {

enum class MockApi { ChatCompletions, Messages, Responses };

// What the mock reads from a request body.
struct ParsedRequest {
    std::string model;
    bool stream = false;
    bool include_usage = false;  // chat: stream_options.include_usage
    size_t prompt_bytes = 0;     // bytes of every text part of the prompt (system included)
    std::string last_user_text;
};

struct MockUsage {
    uint64_t input_tokens = 0;   // ceil(prompt_bytes / 4)
    uint64_t output_tokens = 0;  // words of the reply
    [[nodiscard]] uint64_t total() const { return input_tokens + output_tokens; }
};

struct Completion {
    MockApi api = MockApi::ChatCompletions;
    uint64_t seq = 0;  // numbers the ids: chatcmpl-mock-<seq>, msg_mock_<seq>, resp_mock_<seq>
    std::string model;
    bool include_usage = false;
    std::vector<std::string> pieces;  // the reply as streamed; concatenated it is the full text
    MockUsage usage;

    [[nodiscard]] std::string text() const;
};

inline constexpr std::string_view kReplyPrefix = "Hello from plano-mock! You said: ";
inline constexpr size_t kEchoChars = 40;

// Fails (InvalidArgument) when the body is not a JSON object.
[[nodiscard]] Result<ParsedRequest> parse_request(MockApi api, std::string_view body);

// The reply is kReplyPrefix + the first kEchoChars characters of the last user message, split into
// words; x-mock-body-bytes pads it with filler words and x-mock-chunks regroups or extends the
// words into exactly that many pieces.
[[nodiscard]] Completion make_completion(MockApi api, const ParsedRequest& request,
                                         const FaultScript& script, uint64_t seq);

}  // namespace gw::mock
