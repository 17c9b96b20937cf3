#pragma once
// The neutral model every translation goes through: a client request is decoded from its API into
// a Request, encoded into the upstream's API; an upstream answer is decoded into a Completion (or
// stream events, see stream_ir.hpp) and encoded into the client's API. N decoders + N encoders
// instead of N² translators, and Responses -> Messages needs no detour through Chat.
//
// Token convention (so usage survives every direction exactly): `Usage::input_tokens` counts
// *every* prompt token, cached and cache-writing ones included (OpenAI's prompt_tokens meaning).
// Anthropic's input_tokens excludes them, so its decoder adds cache_read + cache_creation and its
// encoder subtracts them again.

#include "gw/llm/api.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gw::translate {

// One piece of a message. Which fields are meaningful depends on `kind`.
struct ContentPart {
    enum class Kind {
        Text,        // text
        Image,       // image_url (http(s) or data: URL) or media_type + base64 data
        ToolCall,    // tool_call_id, tool_name, arguments (JSON text of the arguments object)
        ToolResult,  // tool_call_id, text (result content flattened to text), is_error
        Thinking,    // text (reasoning), signature (Anthropic's, opaque, echoed back)
    };
    Kind kind = Kind::Text;
    std::string text;
    std::string image_url;
    std::string media_type;
    std::string data;  // base64 image bytes
    std::string tool_call_id;
    std::string tool_name;
    std::string arguments;
    std::string signature;
    bool is_error = false;
    // Anthropic prompt-caching marker as raw JSON (e.g. {"type":"ephemeral"}); empty when absent.
    std::string cache_control;
};

enum class Role { User, Assistant, Tool };

struct Message {
    Role role = Role::User;
    std::vector<ContentPart> parts;
};

struct ToolDefinition {
    std::string name;
    std::string description;
    std::string parameters;  // JSON Schema as raw JSON; "{}"-like default when absent
    std::string cache_control;
};

struct ToolChoice {
    enum class Kind { Auto, None, Required, Named };
    Kind kind = Kind::Auto;
    std::string name;  // for Named
};

struct Request {
    std::string model;
    // System / developer instructions in order (Chat system+developer messages, Messages
    // `system`, Responses `instructions`).
    std::vector<ContentPart> system;
    std::vector<Message> messages;
    std::vector<ToolDefinition> tools;
    std::optional<ToolChoice> tool_choice;
    std::optional<bool> parallel_tool_calls;
    // Numbers kept as the client's raw JSON tokens so they reach the provider unchanged.
    std::optional<std::string> temperature;
    std::optional<std::string> top_p;
    std::optional<std::string> top_k;
    std::optional<int64_t> max_tokens;  // max_tokens | max_completion_tokens | max_output_tokens
    std::vector<std::string> stop;
    bool stream = false;
    std::optional<std::string> user;                  // Chat `user`, Messages metadata.user_id
    std::optional<std::string> reasoning_effort;      // "low" | "medium" | "high" ...
    std::optional<int64_t> thinking_budget;           // Anthropic thinking.budget_tokens
    std::optional<std::string> response_format;       // Chat response_format, raw JSON
    std::optional<std::string> previous_response_id;  // Responses only, resolved by the proxy
};

enum class FinishReason { Stop, Length, ToolCalls, ContentFilter };

// A complete (non-streaming) answer.
struct Completion {
    std::string id;
    std::string model;
    int64_t created = 0;               // unix seconds; 0 when the upstream did not say
    std::vector<ContentPart> content;  // Text, ToolCall and Thinking parts in order
    std::optional<FinishReason> finish_reason;
    llm::Usage usage;  // see the token convention above
};

}  // namespace gw::translate
