// Anthropic message (non-streaming) -> Completion.

#include "gw/translate/request_decode.hpp"
#include "gw/translate/response_codecs.hpp"

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;

using BlockReader = Result<ContentPart> (*)(const object& block);

// Blocks with no counterpart in the IR (redacted_thinking, server tool calls and their
// results) have no reader: they are left out rather than failing the whole answer.
BlockReader reader_for(std::string_view type) {
    if (type == "text") return read_text_object;
    if (type == "thinking") return read_messages_thinking_block;
    if (type == "tool_use") return read_messages_tool_use_block;
    return nullptr;
}

Result<void> read_block(element value, std::vector<ContentPart>& parts) {
    auto block = as_object(value, "content");
    if (!block) return block.error();
    auto type = string_member(*block, "type");
    if (!type) return type.error();
    BlockReader read = reader_for(*type);
    if (read == nullptr) return {};
    auto part = read(*block);
    if (!part) return part.error();
    parts.push_back(std::move(*part));
    return {};
}

Result<void> read_answer_content(const object& root, std::vector<ContentPart>& parts) {
    auto content = member(root, "content");
    if (!content) return {};
    return assign(read_content(*content, "content", read_block), parts);
}

Result<void> read_usage(const object& root, llm::Usage& usage) {
    auto value = member(root, "usage");
    if (!value) return {};
    auto usage_object = as_object(*value, "usage");
    if (!usage_object) return usage_object.error();
    return assign(read_messages_usage(*usage_object), usage);
}

}  // namespace

Result<ContentPart> read_messages_thinking_block(const object& block) {
    ContentPart part;
    part.kind = Kind::Thinking;
    if (auto ok = assign(string_member(block, "thinking"), part.text); !ok) return ok.error();
    if (auto ok = assign(string_member(block, "signature"), part.signature); !ok) {
        return ok.error();
    }
    return part;
}

Result<ContentPart> read_messages_tool_use_block(const object& block) {
    auto id = string_member(block, "id");
    if (!id) return id.error();
    auto name = string_member(block, "name");
    if (!name) return name.error();
    auto input = member(block, "input");
    return tool_call_part(*id, *name, input ? compact_json(*input) : "{}");
}

std::optional<FinishReason> messages_stop_reason(std::string_view reason) {
    if (reason.empty()) return std::nullopt;
    if (reason == "max_tokens" || reason == "model_context_window_exceeded") {
        return FinishReason::Length;
    }
    if (reason == "tool_use") return FinishReason::ToolCalls;
    if (reason == "refusal") return FinishReason::ContentFilter;
    return FinishReason::Stop;  // end_turn, stop_sequence, pause_turn
}

Result<llm::Usage> read_messages_usage(const object& usage) {
    static constexpr CountField kCounts[] = {
        {"input_tokens", &llm::Usage::input_tokens},
        {"cache_read_input_tokens", &llm::Usage::cached_input_tokens},
        {"cache_creation_input_tokens", &llm::Usage::cache_creation_input_tokens},
        {"output_tokens", &llm::Usage::output_tokens},
    };
    llm::Usage out;
    if (auto ok = read_counts(usage, kCounts, out); !ok) return ok.error();
    // Anthropic counts cache reads and writes apart from input_tokens; the IR's input includes
    // them.
    if (out.input_tokens || out.cached_input_tokens || out.cache_creation_input_tokens) {
        out.input_tokens = out.input_tokens.value_or(0) + out.cached_input_tokens.value_or(0) +
                           out.cache_creation_input_tokens.value_or(0);
    }
    if (has_token_counts(out)) out.total_tokens = total_tokens(out);
    return out;
}

Result<Completion> decode_messages_response(const object& root) {
    Completion completion;
    if (auto ok = assign(string_member(root, "id"), completion.id); !ok) return ok.error();
    if (auto ok = assign(string_member(root, "model"), completion.model); !ok) return ok.error();
    if (auto ok = read_answer_content(root, completion.content); !ok) return ok.error();
    auto stop_reason = string_member(root, "stop_reason");
    if (!stop_reason) return stop_reason.error();
    completion.finish_reason = messages_stop_reason(*stop_reason);
    if (auto ok = read_usage(root, completion.usage); !ok) return ok.error();
    return completion;
}

}  // namespace gw::translate::detail
