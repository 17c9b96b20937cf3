#include "gw/mock/completion.hpp"

#include "gw/mock/json_text.hpp"
#include "gw/mock/route_choice.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace gw::mock {
namespace json = boost::json;
namespace {

constexpr std::string_view kFiller = " lorem";

// Text of a message content: a string, or an array of parts whose "text" fields count (OpenAI
// content parts, Anthropic blocks and Responses input_text items all use that key), as does the
// nested "content" of Anthropic tool_result blocks.
std::string content_text(const json::value& content) {
    if (const auto* s = content.if_string()) return std::string(*s);
    std::string text;
    if (const auto* parts = content.if_array()) {
        for (const auto& part : *parts) {
            const auto* obj = part.if_object();
            if (obj == nullptr) continue;
            if (const auto* t = obj->if_contains("text"); t != nullptr && t->is_string()) {
                text += t->get_string();
            } else if (const auto* nested = obj->if_contains("content")) {
                text += content_text(*nested);
            }
        }
    }
    return text;
}

std::string_view string_member(const json::object& obj, std::string_view key) {
    const auto* v = obj.if_contains(key);
    return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// The text of `item` when it is a tool result in any of the three APIs' shapes: a Chat "tool"
// message, a Responses function_call_output item, a Messages message with tool_result blocks.
std::optional<std::string> tool_result_text(const json::object& item) {
    const auto* content = item.if_contains("content");
    if (string_member(item, "role") == "tool") {
        return content != nullptr ? content_text(*content) : std::string();
    }
    if (string_member(item, "type") == "function_call_output") {
        const auto* output = item.if_contains("output");
        return output != nullptr ? content_text(*output) : std::string();
    }
    const auto* blocks = content != nullptr ? content->if_array() : nullptr;
    if (blocks == nullptr) return std::nullopt;
    std::optional<std::string> text;
    for (const auto& block : *blocks) {
        const auto* obj = block.if_object();
        if (obj == nullptr) continue;
        // Converse: {"toolResult":{"toolUseId","content":[{"text"}]}}.
        if (const auto* converse = obj->if_contains("toolResult");
            converse != nullptr && converse->is_object()) {
            obj = &converse->get_object();
        } else if (string_member(*obj, "type") != "tool_result") {
            continue;
        }
        const auto* result = obj->if_contains("content");
        text = text.value_or("") + (result != nullptr ? content_text(*result) : std::string());
    }
    return text;
}

// Adds one message (or Responses input item) to the prompt. Only the last one's tool result
// matters, so each item replaces the one before.
void read_item(const json::object& item, ParsedRequest& out) {
    out.tool_result = tool_result_text(item);
    const auto* content = item.if_contains("content");
    // A function_call_output has no content: its output is its text.
    std::string text = content != nullptr ? content_text(*content) : out.tool_result.value_or("");
    out.prompt_bytes += text.size();
    if (string_member(item, "role") == "user" && !out.tool_result) {
        out.last_user_text = std::move(text);
    }
}

// Adds every message of `messages` to the prompt.
void read_messages(const json::value* messages, ParsedRequest& out) {
    if (messages == nullptr) return;
    if (const auto* s = messages->if_string()) {  // Responses: "input": "text"
        out.prompt_bytes += s->size();
        out.last_user_text = std::string(*s);
        return;
    }
    const auto* items = messages->if_array();
    if (items == nullptr) return;
    for (const auto& item : *items) {
        if (const auto* obj = item.if_object()) read_item(*obj, out);
    }
}

// Names of the defined tools: Messages and Responses put the name at the top of a tool, Chat
// under "function".
std::vector<std::string> tool_names(const json::value* tools) {
    std::vector<std::string> names;
    const auto* list = tools != nullptr ? tools->if_array() : nullptr;
    if (list == nullptr) return names;
    for (const auto& tool : *list) {
        const auto* obj = tool.if_object();
        if (obj == nullptr) continue;
        std::string_view name = string_member(*obj, "name");
        if (const auto* fn = obj->if_contains("function"); fn != nullptr && fn->is_object()) {
            name = string_member(fn->get_object(), "name");
        }
        if (!name.empty()) names.emplace_back(name);
    }
    return names;
}

bool flag(const json::object& obj, std::string_view key) {
    const auto* v = obj.if_contains(key);
    return v != nullptr && v->is_bool() && v->get_bool();
}

// UTF-8 continuation bytes never start a character, so text is never cut before one.
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// The first `max_chars` UTF-8 characters of `text`.
std::string_view first_chars(std::string_view text, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (!is_continuation(text[i]) && chars++ == max_chars) return text.substr(0, i);
    }
    return text;
}

// At most `count` pieces of about equal size, cut on character boundaries (tool arguments have
// no words to split at).
std::vector<std::string> split_evenly(std::string_view text, size_t count) {
    std::vector<std::string> pieces;
    size_t start = 0;
    for (size_t i = 1; i <= count; ++i) {
        size_t end = text.size() * i / count;
        while (end < text.size() && is_continuation(text[end])) ++end;
        if (end <= start) continue;
        pieces.emplace_back(text.substr(start, end - start));
        start = end;
    }
    return pieces;
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(' ', start + 1);
        if (end == std::string_view::npos) end = text.size();
        words.emplace_back(text.substr(start, end - start));
        start = end;
    }
    return words;
}

// Exactly `count` pieces: fewer words are grouped evenly, missing ones become filler words.
std::vector<std::string> regroup(std::vector<std::string> words, size_t count) {
    if (words.size() <= count) {
        words.resize(count, std::string(kFiller));
        return words;
    }
    std::vector<std::string> pieces(count);
    for (size_t i = 0; i < words.size(); ++i) pieces[i * count / words.size()] += words[i];
    return pieces;
}

uint64_t count_words(const std::vector<std::string>& pieces) {
    uint64_t words = 0;
    bool in_word = false;
    for (const auto& piece : pieces) {
        for (const char c : piece) {
            const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
            if (!space && !in_word) ++words;
            in_word = !space;
        }
    }
    return words;
}

// A tool result is answered with text, so a tool loop always ends.
bool calls_tool(const ParsedRequest& request, const FaultScript& script) {
    return script.tool_call && !request.tool_result &&
           std::ranges::find(request.tool_names, *script.tool_call) != request.tool_names.end();
}

// x-mock-tool-args re-serialized compactly when it is a JSON object, else the default.
std::string tool_arguments(const ParsedRequest& request, const FaultScript& script) {
    if (script.tool_args) {
        boost::system::error_code ec;
        const json::value args = json::parse(*script.tool_args, ec);
        if (!ec && args.is_object()) return json::serialize(args);
    }
    return R"({"query":)" + json_string(first_chars(request.last_user_text, kEchoChars)) + "}";
}

std::string reply_text(const ParsedRequest& request, const FaultScript& script) {
    if (!request.tool_result) {
        if (auto routed = route_choice(request.last_user_text)) return *routed;
    }
    std::string text(request.tool_result ? kToolResultPrefix : kReplyPrefix);
    text += first_chars(request.tool_result.value_or(request.last_user_text), kEchoChars);
    if (text.size() < script.body_bytes) {
        const size_t fillers =
            (script.body_bytes - text.size() + kFiller.size() - 1) / kFiller.size();
        text.reserve(text.size() + fillers * kFiller.size());
        for (size_t i = 0; i < fillers; ++i) text += kFiller;
    }
    return text;
}

std::vector<std::string> text_pieces(std::string_view text, const FaultScript& script) {
    std::vector<std::string> words = split_words(text);
    if (script.chunks) return regroup(std::move(words), *script.chunks);
    return words;
}

}  // namespace

std::string Completion::text() const {
    std::string out;
    for (const auto& piece : pieces) out += piece;
    return out;
}

Result<ParsedRequest> parse_request(MockApi api, std::string_view body) {
    boost::system::error_code ec;
    const json::value doc = json::parse(body, ec);
    if (ec || !doc.is_object()) return Error::invalid("request body must be a JSON object");
    const auto& obj = doc.get_object();
    ParsedRequest out;
    if (const auto* model = obj.if_contains("model"); model != nullptr && model->is_string()) {
        out.model = std::string(model->get_string());
    }
    out.stream = flag(obj, "stream");
    if (const auto* opts = obj.if_contains("stream_options");
        opts != nullptr && opts->is_object()) {
        out.include_usage = flag(opts->get_object(), "include_usage");
    }
    const char* system_key = api == MockApi::Responses ? "instructions" : "system";
    if (const auto* system = obj.if_contains(system_key)) {
        out.prompt_bytes += content_text(*system).size();
    }
    read_messages(obj.if_contains(api == MockApi::Responses ? "input" : "messages"), out);
    out.tool_names = tool_names(obj.if_contains("tools"));
    return out;
}

Result<ParsedRequest> parse_converse_request(std::string_view model, bool stream,
                                             std::string_view body) {
    auto out = parse_request(MockApi::Converse, body);
    if (!out) return out;
    out->model = std::string(model);
    out->stream = stream;
    boost::system::error_code ec;
    const json::value doc = json::parse(body, ec);
    const auto* config = doc.get_object().if_contains("toolConfig");
    const auto* tools = config != nullptr && config->is_object()
                            ? config->get_object().if_contains("tools")
                            : nullptr;
    if (tools == nullptr || !tools->is_array()) return out;
    for (const auto& tool : tools->get_array()) {
        const auto* spec = tool.is_object() ? tool.get_object().if_contains("toolSpec") : nullptr;
        if (spec == nullptr || !spec->is_object()) continue;
        const std::string_view name = string_member(spec->get_object(), "name");
        if (!name.empty()) out->tool_names.emplace_back(name);
    }
    return out;
}

Completion make_completion(MockApi api, const ParsedRequest& request, const FaultScript& script,
                           uint64_t seq) {
    Completion out;
    out.api = api;
    out.seq = seq;
    out.model = request.model;
    out.include_usage = request.include_usage;
    if (calls_tool(request, script)) {
        out.tool_name = script.tool_call;
        out.pieces = split_evenly(tool_arguments(request, script),
                                  script.chunks.value_or(kArgumentFragments));
    } else {
        out.pieces = text_pieces(reply_text(request, script), script);
    }
    out.usage.input_tokens = (request.prompt_bytes + 3) / 4;
    out.usage.output_tokens = count_words(out.pieces);
    if (script.cached_tokens) {
        out.usage.cached_tokens = std::min(*script.cached_tokens, out.usage.input_tokens);
    }
    return out;
}

}  // namespace gw::mock
