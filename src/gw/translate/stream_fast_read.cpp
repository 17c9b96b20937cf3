#include "gw/translate/stream_fast_read.hpp"

#include "gw/json/cursor.hpp"

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
        } else if (!cursor.string(*slot->value)) {
            return false;
        }
        if (slot != nullptr && std::exchange(slot->seen, true)) return false;
    }
    return !cursor.failed();
}

bool read_chat_delta(JsonCursor& cursor, ChatTextDelta& delta) {
    if (cursor.peek() != Kind::Object) return cursor.skip_scalar();
    StringMember content{"content", &delta.content};
    StringMember reasoning_content{"reasoning_content", &delta.reasoning_content};
    StringMember reasoning{"reasoning", &delta.reasoning};
    return read_string_members(cursor, {&content, &reasoning_content, &reasoning});
}

// A finish_reason string is the DOM path's to read; null (or any other scalar) means none.
bool read_choice(JsonCursor& cursor, ChatTextDelta& delta) {
    if (cursor.peek() != Kind::Object) return cursor.skip_scalar();
    bool seen_delta = false;
    std::string_view key;
    cursor.enter_object();
    while (cursor.next_key(key)) {
        if (key == "delta") {
            if (std::exchange(seen_delta, true) || !read_chat_delta(cursor, delta)) return false;
        } else if (key == "finish_reason" && cursor.peek() == Kind::String) {
            return false;
        } else if (!cursor.skip_scalar()) {
            return false;
        }
    }
    return !cursor.failed();
}

// Only the first choice counts; a chunk with more is refused.
bool read_choices(JsonCursor& cursor, ChatTextDelta& delta) {
    if (cursor.peek() != Kind::Array) return cursor.skip_scalar();
    cursor.enter_array();
    if (!cursor.next_element()) return !cursor.failed();
    if (!read_choice(cursor, delta)) return false;
    return !cursor.next_element() && !cursor.failed();
}

bool read_delta_members(JsonCursor& cursor, BlockDelta& delta) {
    if (cursor.peek() != Kind::Object) return false;
    StringMember type{"type", &delta.type};
    StringMember text{"text", &delta.text};
    StringMember thinking{"thinking", &delta.thinking};
    StringMember partial_json{"partial_json", &delta.partial_json};
    StringMember signature{"signature", &delta.signature};
    return read_string_members(cursor, {&type, &text, &thinking, &partial_json, &signature});
}

}  // namespace

std::optional<ChatTextDelta> read_chat_text_delta(std::string_view data, std::string& scratch,
                                                  ChatEnvelope& envelope) {
    const bool known = !envelope.prefix.empty() && data.starts_with(envelope.prefix);
    JsonCursor cursor =
        known ? JsonCursor(data, scratch, envelope.choices) : JsonCursor(data, scratch);
    if (!known && !cursor.enter_object()) return std::nullopt;
    ChatTextDelta delta;
    std::optional<JsonCursor::RootMember> choices;
    std::string_view key;
    while (cursor.next_key(key)) {
        if (key == "choices") {
            if (choices || !read_choices(cursor, delta)) return std::nullopt;
            choices = cursor.last_root_member();
        } else if (!cursor.skip_scalar()) {
            return std::nullopt;
        }
    }
    if (!cursor.at_end()) return std::nullopt;
    if (!known && choices) {
        envelope.prefix.assign(data.substr(0, choices->offset));
        envelope.choices = *choices;
    }
    return delta;
}

std::optional<BlockDelta> read_block_delta(std::string_view data, std::string& scratch) {
    JsonCursor cursor(data, scratch);
    BlockDelta delta;
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
            ok = !std::exchange(seen_delta, true) && read_delta_members(cursor, delta);
        } else {
            ok = cursor.skip_scalar();
        }
        if (!ok) return std::nullopt;
    }
    if (type.empty() || !seen_delta || !cursor.at_end()) return std::nullopt;
    return delta;
}

}  // namespace gw::translate::detail
