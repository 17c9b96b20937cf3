// Amazon Bedrock Converse answer (non-streaming) -> Completion: {output:{message:{role,
// content}}, stopReason, usage, metrics, additionalModelResponseFields?, trace?}. Converse names
// neither the answer nor (outside prompt routers) the model; the id is synthesised and the model
// left empty for the caller to know.

#include "gw/translate/request_decode.hpp"
#include "gw/translate/response_codecs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <random>

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;

// {"toolUseId","name","input"}; `input` is an object, the IR's arguments its JSON text.
Result<ContentPart> read_tool_use(element value) {
    auto tool_use = as_object(value, "toolUse");
    if (!tool_use) return tool_use.error();
    auto id = string_member(*tool_use, "toolUseId");
    if (!id) return id.error();
    auto name = string_member(*tool_use, "name");
    if (!name) return name.error();
    auto input = member(*tool_use, "input");
    return tool_call_part(*id, *name, input ? compact_json(*input) : "{}");
}

// {"reasoningText":{"text","signature"}} | {"redactedContent":"<base64>"}: redacted reasoning is
// encrypted for Claude alone and has no counterpart in the IR, so it yields no part.
Result<void> read_reasoning(element value, std::vector<ContentPart>& parts) {
    auto reasoning = as_object(value, "reasoningContent");
    if (!reasoning) return reasoning.error();
    auto text = member(*reasoning, "reasoningText");
    if (!text) return {};
    auto text_object = as_object(*text, "reasoningText");
    if (!text_object) return text_object.error();
    ContentPart part;
    part.kind = Kind::Thinking;
    if (auto ok = assign(string_member(*text_object, "text"), part.text); !ok) return ok;
    if (auto ok = assign(string_member(*text_object, "signature"), part.signature); !ok) return ok;
    parts.push_back(std::move(part));
    return {};
}

// A content block is a union: one member names its kind. Kinds with no counterpart in the IR
// (images, documents, citations, guard content) are left out rather than failing the answer.
Result<void> read_block(element value, std::vector<ContentPart>& parts) {
    auto block = as_object(value, "content");
    if (!block) return block.error();
    if (auto text = member(*block, "text")) {
        auto string = as_string(*text, "text");
        if (!string) return string.error();
        parts.push_back(text_part(*string));
    } else if (auto tool_use = member(*block, "toolUse")) {
        return assign(read_tool_use(*tool_use), parts.emplace_back());
    } else if (auto reasoning = member(*block, "reasoningContent")) {
        return read_reasoning(*reasoning, parts);
    }
    return {};
}

Result<void> read_output(const object& root, std::vector<ContentPart>& parts) {
    auto output = member(root, "output");
    if (!output) return {};
    auto output_object = as_object(*output, "output");
    if (!output_object) return output_object.error();
    auto message = member(*output_object, "message");
    if (!message) return {};
    auto message_object = as_object(*message, "message");
    if (!message_object) return message_object.error();
    auto content = member(*message_object, "content");
    if (!content) return {};
    auto blocks = as_array(*content, "content");
    if (!blocks) return blocks.error();
    for (element block : *blocks) {
        if (auto ok = read_block(block, parts); !ok) return ok;
    }
    return {};
}

Result<void> read_usage(const object& root, llm::Usage& usage) {
    auto value = member(root, "usage");
    if (!value) return {};
    auto usage_object = as_object(*value, "usage");
    if (!usage_object) return usage_object.error();
    return assign(read_converse_usage(*usage_object), usage);
}

// The model a prompt router picked, the only model Converse ever names; diagnostic data, so an
// odd trace costs the name and not the answer.
std::string routed_model(const object& root) {
    object trace;
    object router;
    std::string_view model;
    if (root["trace"].get_object().get(trace) != simdjson::SUCCESS ||
        trace["promptRouter"].get_object().get(router) != simdjson::SUCCESS ||
        router["invokedModelId"].get_string().get(model) != simdjson::SUCCESS) {
        return {};
    }
    return std::string(model);
}

}  // namespace

std::string synthesised_response_id() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    const uint64_t high = generator();
    const uint64_t low = generator();
    return fmt::format("bedrock-{:016x}{:016x}", high, low);
}

std::optional<FinishReason> converse_stop_reason(std::string_view reason) {
    if (reason.empty()) return std::nullopt;
    if (reason == "max_tokens" || reason == "model_context_window_exceeded") {
        return FinishReason::Length;
    }
    if (reason == "tool_use") return FinishReason::ToolCalls;
    if (reason == "guardrail_intervened" || reason == "content_filtered") {
        return FinishReason::ContentFilter;
    }
    return FinishReason::Stop;  // end_turn, stop_sequence
}

// AWS documents inputTokens as the prompt tokens that were neither read from nor written to the
// cache ("total input tokens = inputTokens + cacheReadInputTokens + cacheWriteInputTokens", the
// prompt-caching guide), as Anthropic counts input_tokens, and totalTokens as including the
// cache counts. The IR's input includes them, so the decoder adds them as the Messages decoder
// does: a Chat client sees every prompt token in prompt_tokens, a Messages client gets the
// uncached count back from its encoder. The total is kept unless it is short of input + output
// (a model that left the cache counts out of it), so the client's numbers always add up.
Result<llm::Usage> read_converse_usage(const object& usage) {
    static constexpr CountField kCounts[] = {
        {"inputTokens", &llm::Usage::input_tokens},
        {"outputTokens", &llm::Usage::output_tokens},
        {"totalTokens", &llm::Usage::total_tokens},
        {"cacheReadInputTokens", &llm::Usage::cached_input_tokens},
        {"cacheWriteInputTokens", &llm::Usage::cache_creation_input_tokens},
    };
    llm::Usage out;
    if (auto ok = read_counts(usage, kCounts, out); !ok) return ok.error();
    if (out.input_tokens || out.cached_input_tokens || out.cache_creation_input_tokens) {
        out.input_tokens = out.input_tokens.value_or(0) + out.cached_input_tokens.value_or(0) +
                           out.cache_creation_input_tokens.value_or(0);
    }
    if (has_token_counts(out)) {
        const int64_t sum = out.input_tokens.value_or(0) + out.output_tokens.value_or(0);
        out.total_tokens = std::max(out.total_tokens.value_or(0), sum);
    }
    return out;
}

Result<Completion> decode_converse_response(const object& root) {
    Completion completion;
    completion.id = synthesised_response_id();
    completion.model = routed_model(root);
    if (auto ok = read_output(root, completion.content); !ok) return ok.error();
    auto stop_reason = string_member(root, "stopReason");
    if (!stop_reason) return stop_reason.error();
    completion.finish_reason = converse_stop_reason(*stop_reason);
    if (auto ok = read_usage(root, completion.usage); !ok) return ok.error();
    return completion;
}

}  // namespace gw::translate::detail
