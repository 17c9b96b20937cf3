#include "gw/translate/stream_fast_read.hpp"

#include <initializer_list>
#include <utility>

namespace gw::translate::detail {
namespace {

using json::JsonCursor;
using Kind = JsonCursor::Kind;

// One member the reader acts on. A second occurrence refuses the event: the DOM reads the first
// of duplicate keys, and refusing is simpler than agreeing.
struct StringMember {
    std::string_view key;
    std::string_view* value;
    bool seen = false;
    JsonCursor::Span token = {};  // where its string was, when it was one
};

// Reads an object of scalars into the slots of `members`, a non-string scalar as empty. False
// when the event is refused: a container, or a member of `members` seen twice.
bool read_string_members(JsonCursor& cursor, std::initializer_list<StringMember*> members) {
    std::string_view key;
    cursor.enter_object();
    while (cursor.next_key(key)) {
        StringMember* slot = nullptr;
        for (StringMember* member : members) {
            if (member->key == key) slot = member;
        }
        if (slot == nullptr || cursor.peek() != Kind::String) {
            if (!cursor.skip_scalar()) return false;
        } else if (cursor.string(*slot->value)) {
            slot->token = cursor.last_string();
        } else {
            return false;
        }
        if (slot != nullptr && std::exchange(slot->seen, true)) return false;
    }
    return !cursor.failed();
}

// The one member of `members` with a non-empty value, or null when none or several have one: an
// event shape can only vary one string.
const StringMember* varying_member(std::initializer_list<const StringMember*> members) {
    const StringMember* varying = nullptr;
    for (const StringMember* member : members) {
        if (member->value->empty()) continue;
        if (varying != nullptr) return nullptr;
        varying = member;
    }
    return varying;
}

// A chunk's varying text as its shape can learn it.
template <class Delta>
struct Varying {
    std::string_view Delta::*slot = nullptr;
    JsonCursor::Span token;
};

bool read_chat_delta(JsonCursor& cursor, ChatTextDelta& delta, Varying<ChatTextDelta>& varying) {
    if (cursor.peek() != Kind::Object) return cursor.skip_scalar();
    StringMember content{"content", &delta.content};
    StringMember reasoning_content{"reasoning_content", &delta.reasoning_content};
    StringMember reasoning{"reasoning", &delta.reasoning};
    if (!read_string_members(cursor, {&content, &reasoning_content, &reasoning})) return false;
    if (const StringMember* member = varying_member({&content, &reasoning_content, &reasoning})) {
        varying.token = member->token;
        varying.slot = member == &content             ? &ChatTextDelta::content
                       : member == &reasoning_content ? &ChatTextDelta::reasoning_content
                                                      : &ChatTextDelta::reasoning;
    }
    return true;
}

// A finish_reason string is the DOM path's to read; null (or any other scalar) means none.
bool read_choice(JsonCursor& cursor, ChatTextDelta& delta, Varying<ChatTextDelta>& varying) {
    if (cursor.peek() != Kind::Object) return cursor.skip_scalar();
    bool seen_delta = false;
    std::string_view key;
    cursor.enter_object();
    while (cursor.next_key(key)) {
        if (key == "delta") {
            if (std::exchange(seen_delta, true) || !read_chat_delta(cursor, delta, varying)) {
                return false;
            }
        } else if (key == "finish_reason" && cursor.peek() == Kind::String) {
            return false;
        } else if (!cursor.skip_scalar()) {
            return false;
        }
    }
    return !cursor.failed();
}

// Only the first choice counts; a chunk with more is refused.
bool read_choices(JsonCursor& cursor, ChatTextDelta& delta, Varying<ChatTextDelta>& varying) {
    if (cursor.peek() != Kind::Array) return cursor.skip_scalar();
    cursor.enter_array();
    if (!cursor.next_element()) return !cursor.failed();
    if (!read_choice(cursor, delta, varying)) return false;
    return !cursor.next_element() && !cursor.failed();
}

bool read_delta_members(JsonCursor& cursor, BlockDelta& delta, Varying<BlockDelta>& varying) {
    if (cursor.peek() != Kind::Object) return false;
    StringMember type{"type", &delta.type};
    StringMember text{"text", &delta.text};
    StringMember thinking{"thinking", &delta.thinking};
    StringMember partial_json{"partial_json", &delta.partial_json};
    StringMember signature{"signature", &delta.signature};
    if (!read_string_members(cursor, {&type, &text, &thinking, &partial_json, &signature})) {
        return false;
    }
    if (const StringMember* member =
            varying_member({&text, &thinking, &partial_json, &signature})) {
        varying.token = member->token;
        varying.slot = member == &text           ? &BlockDelta::text
                       : member == &thinking     ? &BlockDelta::thinking
                       : member == &partial_json ? &BlockDelta::partial_json
                                                 : &BlockDelta::signature;
    }
    return true;
}

// The Chat chunk read by the cursor, resumed after the envelope when the chunk repeats it.
std::optional<ChatTextDelta> read_chat_chunk(std::string_view data, std::string& scratch,
                                             ChatFastState& state,
                                             Varying<ChatTextDelta>& varying) {
    const bool known = !state.prefix.empty() && data.starts_with(state.prefix);
    JsonCursor cursor =
        known ? JsonCursor(data, scratch, state.choices) : JsonCursor(data, scratch);
    if (!known && !cursor.enter_object()) return std::nullopt;
    ChatTextDelta delta;
    std::optional<JsonCursor::RootMember> choices;
    std::string_view key;
    while (cursor.next_key(key)) {
        if (key == "choices") {
            if (choices || !read_choices(cursor, delta, varying)) return std::nullopt;
            choices = cursor.last_root_member();
        } else if (!cursor.skip_scalar()) {
            return std::nullopt;
        }
    }
    if (!cursor.at_end()) return std::nullopt;
    if (!known && choices) {
        state.prefix.assign(data.substr(0, choices->offset));
        state.choices = *choices;
    }
    return delta;
}

// `known` with its `slot` filled from `data`, when a shape was learnt and `data` has it.
template <class Delta>
std::optional<Delta> read_by_shape(const EventShape& shape, std::string_view Delta::*slot,
                                   Delta known, std::string_view data, std::string& scratch) {
    if (slot == nullptr) return std::nullopt;
    auto text = shape.match(data, scratch);
    if (!text) return std::nullopt;
    known.*slot = *text;
    return known;
}

}  // namespace

void EventShape::learn(std::string_view data, JsonCursor::Span token) {
    prefix_.assign(data.substr(0, token.begin + 1));
    suffix_.assign(data.substr(token.end));
}

std::optional<std::string_view> EventShape::match(std::string_view data,
                                                  std::string& scratch) const {
    if (prefix_.empty() || data.size() < prefix_.size() + suffix_.size() + 1) return std::nullopt;
    if (!data.starts_with(prefix_) || !data.ends_with(suffix_)) return std::nullopt;
    std::string_view value;
    const auto end = JsonCursor::read_string_at(data, prefix_.size() - 1, scratch, value);
    if (!end || *end != data.size() - suffix_.size()) return std::nullopt;
    return value;
}

std::optional<ChatTextDelta> read_chat_text_delta(std::string_view data, std::string& scratch,
                                                  ChatFastState& state) {
    if (auto delta = read_by_shape(state.shape, state.slot, ChatTextDelta{}, data, scratch)) {
        return delta;
    }
    Varying<ChatTextDelta> varying;
    auto delta = read_chat_chunk(data, scratch, state, varying);
    if (delta && varying.slot != nullptr) {
        state.shape.learn(data, varying.token);
        state.slot = varying.slot;
    }
    return delta;
}

std::optional<BlockDelta> read_block_delta(std::string_view data, std::string& scratch,
                                           BlockFastState& state) {
    BlockDelta known;
    known.index = state.index;
    known.type = state.type;
    if (auto delta = read_by_shape(state.shape, state.slot, known, data, scratch)) return delta;
    JsonCursor cursor(data, scratch);
    BlockDelta delta;
    Varying<BlockDelta> varying;
    std::string_view type;
    bool seen_index = false;
    bool seen_delta = false;
    std::string_view key;
    if (!cursor.enter_object()) return std::nullopt;
    while (cursor.next_key(key)) {
        bool ok = false;
        if (key == "type") {
            ok = type.empty() && cursor.string(type) && type == "content_block_delta";
        } else if (key == "index") {
            ok = !std::exchange(seen_index, true) && cursor.integer(delta.index);
        } else if (key == "delta") {
            ok = !std::exchange(seen_delta, true) && read_delta_members(cursor, delta, varying);
        } else {
            ok = cursor.skip_scalar();
        }
        if (!ok) return std::nullopt;
    }
    if (type.empty() || !seen_delta || !cursor.at_end()) return std::nullopt;
    if (varying.slot != nullptr) {
        state.shape.learn(data, varying.token);
        state.index = delta.index;
        state.type.assign(delta.type);
        state.slot = varying.slot;
    }
    return delta;
}

}  // namespace gw::translate::detail
