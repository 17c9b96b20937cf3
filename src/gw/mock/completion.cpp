#include "gw/mock/completion.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace gw::mock {
namespace json = boost::json;
namespace {

constexpr std::string_view kFiller = " lorem";

// Text of a message content: a string, or an array of parts whose "text" fields count (OpenAI
// content parts, Anthropic blocks and Responses input_text items all use that key).
std::string content_text(const json::value& content) {
    if (const auto* s = content.if_string()) return std::string(*s);
    std::string text;
    if (const auto* parts = content.if_array()) {
        for (const auto& part : *parts) {
            const auto* obj = part.if_object();
            if (obj == nullptr) continue;
            if (const auto* t = obj->if_contains("text"); t != nullptr && t->is_string()) {
                text += t->get_string();
            }
        }
    }
    return text;
}

// Adds every message of `messages` to the prompt and remembers the last user message.
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
        const auto* msg = item.if_object();
        if (msg == nullptr) continue;
        const auto* content = msg->if_contains("content");
        if (content == nullptr) continue;
        std::string text = content_text(*content);
        out.prompt_bytes += text.size();
        const auto* role = msg->if_contains("role");
        if (role != nullptr && role->is_string() && role->get_string() == "user") {
            out.last_user_text = std::move(text);
        }
    }
}

bool flag(const json::object& obj, std::string_view key) {
    const auto* v = obj.if_contains(key);
    return v != nullptr && v->is_bool() && v->get_bool();
}

// The first `max_chars` UTF-8 characters of `text` (continuation bytes never start a character).
std::string_view first_chars(std::string_view text, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0U) != 0x80U && chars++ == max_chars) return text.substr(0, i);
    }
    return text;
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
    return out;
}

Completion make_completion(MockApi api, const ParsedRequest& request, const FaultScript& script,
                           uint64_t seq) {
    std::string text(kReplyPrefix);
    text += first_chars(request.last_user_text, kEchoChars);
    if (text.size() < script.body_bytes) {
        const size_t fillers =
            (script.body_bytes - text.size() + kFiller.size() - 1) / kFiller.size();
        text.reserve(text.size() + fillers * kFiller.size());
        for (size_t i = 0; i < fillers; ++i) text += kFiller;
    }
    std::vector<std::string> words = split_words(text);
    Completion out;
    out.api = api;
    out.seq = seq;
    out.model = request.model;
    out.include_usage = request.include_usage;
    out.pieces = script.chunks ? regroup(std::move(words), *script.chunks) : std::move(words);
    out.usage.input_tokens = (request.prompt_bytes + 3) / 4;
    out.usage.output_tokens = count_words(out.pieces);
    return out;
}

}  // namespace gw::mock
