// OpenAI Chat Completion (non-streaming) -> Completion.

#include "gw/translate/request_decode.hpp"
#include "gw/translate/response_codecs.hpp"

namespace gw::translate::detail {
namespace {

using Kind = ContentPart::Kind;

// The counts inside one of the `*_tokens_details` objects.
Result<void> read_details(const object& usage, std::string_view details_key, CountField count,
                          llm::Usage& out) {
    auto details = member(usage, details_key);
    if (!details) return {};
    auto details_object = as_object(*details, details_key);
    if (!details_object) return details_object.error();
    return read_counts(*details_object, std::span(&count, 1), out);
}

Result<ContentPart> read_function(const object& function, std::string_view id) {
    auto name = string_member(function, "name");
    if (!name) return name.error();
    auto arguments = string_member(function, "arguments");
    if (!arguments) return arguments.error();
    // Legacy function calls have no id; the function name is what their result refers to.
    return tool_call_part(id.empty() ? *name : id, *name, std::string(*arguments));
}

Result<ContentPart> read_tool_call(element value) {
    auto call = as_object(value, "tool_calls");
    if (!call) return call.error();
    auto id = string_member(*call, "id");
    if (!id) return id.error();
    auto function = required_object(*call, "function");
    if (!function) return function.error();
    return read_function(*function, *id);
}

// Adds a part of `kind` holding the string member `key` unless it is empty.
Result<void> add_text_part(const object& message, std::string_view key, Kind kind,
                           std::vector<ContentPart>& parts) {
    auto text = string_member(message, key);
    if (!text) return text.error();
    if (text->empty()) return {};
    parts.push_back(text_part(*text));
    parts.back().kind = kind;
    return {};
}

// Reasoning first, as the model produced it; DeepSeek and vLLM call it `reasoning_content`,
// OpenRouter `reasoning`.
Result<void> read_reasoning(const object& message, std::vector<ContentPart>& parts) {
    const std::string_view key =
        member(message, "reasoning_content") ? "reasoning_content" : "reasoning";
    return add_text_part(message, key, Kind::Thinking, parts);
}

// Text items of array content (Mistral sends it that way); items of other types are left out.
Result<void> read_text_item(element item, std::vector<ContentPart>& parts) {
    auto part = as_object(item, "content");
    if (!part) return part.error();
    auto type = string_member(*part, "type");
    if (!type) return type.error();
    if (*type != "text") return {};
    return add_text_part(*part, "text", Kind::Text, parts);
}

Result<void> read_content_text(const object& message, std::vector<ContentPart>& parts) {
    auto content = member(message, "content");
    if (!content) return {};
    auto read = read_content(*content, "content", read_text_item);
    if (!read) return read.error();
    // An empty string is no text; Anthropic refuses empty text blocks echoed back to it.
    std::erase_if(*read, [](const ContentPart& part) { return part.text.empty(); });
    parts.insert(parts.end(), std::make_move_iterator(read->begin()),
                 std::make_move_iterator(read->end()));
    return {};
}

Result<std::vector<ContentPart>> read_message(const object& choice) {
    std::vector<ContentPart> parts;
    auto message = member(choice, "message");
    if (!message) return parts;
    auto message_object = as_object(*message, "message");
    if (!message_object) return message_object.error();
    if (auto ok = read_reasoning(*message_object, parts); !ok) return ok.error();
    if (auto ok = read_content_text(*message_object, parts); !ok) return ok.error();
    // A structured-output refusal comes instead of content; it is the answer the user gets.
    if (auto ok = add_text_part(*message_object, "refusal", Kind::Text, parts); !ok) {
        return ok.error();
    }
    if (auto ok = read_chat_tool_calls(*message_object, parts); !ok) return ok.error();
    return parts;
}

Result<std::optional<FinishReason>> read_finish_reason(const object& choice) {
    auto reason = string_member(choice, "finish_reason");
    if (!reason) return reason.error();
    return chat_finish_reason(*reason);
}

// Only the first choice is translated: the other APIs have one answer per response.
Result<void> read_first_choice(const object& root, Completion& completion) {
    auto choices = member(root, "choices");
    if (!choices) return {};
    auto items = as_array(*choices, "choices");
    if (!items) return items.error();
    element first;
    if (items->at(0).get(first) != simdjson::SUCCESS) return {};
    auto choice = as_object(first, "choices");
    if (!choice) return choice.error();
    if (auto ok = assign(read_message(*choice), completion.content); !ok) return ok.error();
    return assign(read_finish_reason(*choice), completion.finish_reason);
}

Result<void> read_usage(const object& root, Completion& completion) {
    auto usage = member(root, "usage");
    if (!usage) return {};
    auto usage_object = as_object(*usage, "usage");
    if (!usage_object) return usage_object.error();
    return assign(read_chat_usage(*usage_object), completion.usage);
}

}  // namespace

Result<void> read_chat_tool_calls(const object& message, std::vector<ContentPart>& parts) {
    if (auto legacy = member(message, "function_call")) {
        auto function = as_object(*legacy, "function_call");
        if (!function) return function.error();
        auto call = read_function(*function, {});
        if (!call) return call.error();
        parts.push_back(std::move(*call));
    }
    auto calls = member(message, "tool_calls");
    if (!calls) return {};
    auto items = as_array(*calls, "tool_calls");
    if (!items) return items.error();
    for (element item : *items) {
        auto call = read_tool_call(item);
        if (!call) return call.error();
        parts.push_back(std::move(*call));
    }
    return {};
}

std::optional<FinishReason> chat_finish_reason(std::string_view reason) {
    if (reason.empty()) return std::nullopt;
    if (reason == "length") return FinishReason::Length;
    if (reason == "tool_calls" || reason == "function_call") return FinishReason::ToolCalls;
    if (reason == "content_filter") return FinishReason::ContentFilter;
    return FinishReason::Stop;
}

Result<llm::Usage> read_chat_usage(const object& usage) {
    static constexpr CountField kCounts[] = {
        {"prompt_tokens", &llm::Usage::input_tokens},
        {"completion_tokens", &llm::Usage::output_tokens},
        {"total_tokens", &llm::Usage::total_tokens},
        // Not OpenAI's, but what gateways in front of Claude (and our Chat encoder) report.
        {"cache_creation_input_tokens", &llm::Usage::cache_creation_input_tokens},
    };
    llm::Usage out;
    if (auto ok = read_counts(usage, kCounts, out); !ok) return ok.error();
    if (auto ok = read_details(usage, "prompt_tokens_details",
                               {"cached_tokens", &llm::Usage::cached_input_tokens}, out);
        !ok) {
        return ok.error();
    }
    if (auto ok = read_details(usage, "completion_tokens_details",
                               {"reasoning_tokens", &llm::Usage::reasoning_tokens}, out);
        !ok) {
        return ok.error();
    }
    return out;
}

Result<Completion> decode_chat_response(const object& root) {
    Completion completion;
    if (auto ok = assign(string_member(root, "id"), completion.id); !ok) return ok.error();
    if (auto ok = assign(string_member(root, "model"), completion.model); !ok) return ok.error();
    auto created = read_count(root, "created");
    if (!created) return created.error();
    completion.created = created->value_or(0);
    if (auto ok = read_first_choice(root, completion); !ok) return ok.error();
    if (auto ok = read_usage(root, completion); !ok) return ok.error();
    return completion;
}

}  // namespace gw::translate::detail
