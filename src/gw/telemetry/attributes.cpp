#include "gw/telemetry/attributes.hpp"

#include "gw/telemetry/otlp_fields.hpp"
#include "gw/telemetry/protobuf_reader.hpp"
#include "gw/telemetry/protobuf_wire.hpp"
#include "gw/telemetry/utf8.hpp"

#include <bit>
#include <cstring>

namespace gw::telemetry {
namespace {

namespace field = otlp_field;
using wire::len_field_size;

// Fields are stored tagged as Span.attributes, the list almost all of them end up in; another
// list's tag is written over each field's first byte as it is copied out.
constexpr std::uint32_t kStoredField = field::kSpanAttributes;
constexpr char tag_byte(std::uint32_t number) {
    return static_cast<char>(wire::tag(number, wire::WireType::Len));
}

// Sizes and offsets of one KeyValue field, from its key's and its AnyValue's sizes. proto3 omits
// an empty key; the value is a oneof member and always present.
struct FieldLayout {
    FieldLayout(std::size_t key, std::size_t any)
        : key_size(key),
          any_value(any),
          key_value((key == 0 ? 0 : len_field_size(field::kKeyValueKey, key)) +
                    len_field_size(field::kKeyValueValue, any)),
          total(len_field_size(kStoredField, key_value)),
          key_offset(wire::tag_size(kStoredField) + wire::varint_size(key_value) +
                     wire::tag_size(field::kKeyValueKey) + wire::varint_size(key)) {}

    std::size_t key_size;
    std::size_t any_value;
    std::size_t key_value;
    std::size_t total;
    std::size_t key_offset;
};

char* write_head(char* out, std::string_view key, const FieldLayout& layout) {
    wire::Writer w(out);
    w.len_header(kStoredField, layout.key_value);
    if (!key.empty()) w.bytes_field(field::kKeyValueKey, key);
    w.len_header(field::kKeyValueValue, layout.any_value);
    return w.cursor();
}

// A key as stored: the gateway's literal keys are valid UTF-8 as they are; a key from a header
// with invalid bytes is kept (and looked up) repaired.
class KeyText {
  public:
    KeyText(std::string_view text, bool known_valid) : text_(text) {
        if (known_valid || is_valid_utf8(text_)) return;
        repaired_ = sanitize_utf8(text_);
        text_ = repaired_;
    }
    KeyText(const KeyText&) = delete;
    KeyText& operator=(const KeyText&) = delete;

    [[nodiscard]] std::string_view view() const { return text_; }

  private:
    std::string_view text_;
    std::string repaired_;
};

std::size_t array_payload(const StringArray& items) {
    std::size_t size = 0;
    for (const std::string& item : items) {
        size += len_field_size(field::kArrayValues,
                               len_field_size(field::kAnyString, sanitized_utf8_size(item)));
    }
    return size;
}

// Reads back what put() wrote, so well formed by construction.
AttributeValue decode_any_value(std::string_view bytes) {
    wire::Reader reader(bytes);
    wire::Field f;
    if (!reader.next(f)) return std::string();
    switch (f.number) {
        case field::kAnyString:
            return std::string(f.bytes);
        case field::kAnyBool:
            return f.varint != 0;
        case field::kAnyInt:
            return static_cast<std::int64_t>(f.varint);
        case field::kAnyDouble:
            return std::bit_cast<double>(f.varint);
        default:
            break;
    }
    StringArray items;
    wire::Reader array(f.bytes);
    wire::Field item;
    while (array.next(item)) {
        wire::Reader any(item.bytes);
        wire::Field text;
        items.emplace_back(any.next(text) ? text.bytes : std::string_view());
    }
    return items;
}

Attribute decode_field(std::string_view bytes) {
    wire::Reader outer(bytes);
    wire::Field key_value;
    std::string key;
    AttributeValue value;
    if (!outer.next(key_value)) return {std::move(key), std::move(value)};
    wire::Reader reader(key_value.bytes);
    wire::Field f;
    while (reader.next(f)) {
        if (f.number == field::kKeyValueKey) key.assign(f.bytes);
        if (f.number == field::kKeyValueValue) value = decode_any_value(f.bytes);
    }
    return {std::move(key), std::move(value)};
}

}  // namespace

template <class WriteValue>
void Attributes::put(const AttributeKey& key, std::size_t any_value,
                     const WriteValue& write_value) {
    const KeyText text(key.view(), key.is_literal());
    const FieldLayout layout(text.view().size(), any_value);
    char* out = claim(text.view(), layout.total, layout.key_offset);
    if (out == nullptr) return;
    wire::Writer w(write_head(out, text.view(), layout));
    write_value(w);
}

void Attributes::put_string(const AttributeKey& key, std::string_view value) {
    const std::size_t size = sanitized_utf8_size(value);
    put(key, len_field_size(field::kAnyString, size),
        [&](wire::Writer& w) { w.text_field(field::kAnyString, value, size); });
}

void Attributes::put_int(const AttributeKey& key, std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);
    put(key, wire::varint_field_size(field::kAnyInt, bits),
        [&](wire::Writer& w) { w.varint_field(field::kAnyInt, bits); });
}

void Attributes::put_double(const AttributeKey& key, double value) {
    put(key, wire::fixed64_field_size(field::kAnyDouble), [&](wire::Writer& w) {
        w.fixed64_field(field::kAnyDouble, std::bit_cast<std::uint64_t>(value));
    });
}

void Attributes::put_bool(const AttributeKey& key, bool value) {
    put(key, wire::varint_field_size(field::kAnyBool, 1),
        [&](wire::Writer& w) { w.varint_field(field::kAnyBool, value ? 1 : 0); });
}

void Attributes::put_array(const AttributeKey& key, const StringArray& value) {
    const std::size_t payload = array_payload(value);
    put(key, len_field_size(field::kAnyArray, payload), [&](wire::Writer& w) {
        w.len_header(field::kAnyArray, payload);
        for (const std::string& item : value) {
            const std::size_t size = sanitized_utf8_size(item);
            w.len_header(field::kArrayValues, len_field_size(field::kAnyString, size));
            w.text_field(field::kAnyString, item, size);
        }
    });
}

void Attributes::set(const AttributeKey& key, const AttributeValue& value) {
    std::visit([&](const auto& v) { set(key, v); }, value);
}

char* Attributes::claim_slow(std::string_view key, std::size_t size, std::size_t key_offset,
                             SeenBit seen) {
    const std::size_t at = (seen_[seen.word] & seen.bit) != 0 ? index_of(key) : entries_.size();
    if (at == entries_.size()) {
        if (entries_.size() >= limit_) {
            ++dropped_;
            return nullptr;
        }
        return append_field(key, size, key_offset, seen);
    }
    Entry& old = entries_[at];
    if (old.end - old.begin == size) return bytes_.data() + old.begin;
    live_bytes_ = live_bytes_ - (old.end - old.begin) + size;
    old = entry_at_end(key, size, key_offset);
    return bytes_.extend(size);
}

std::size_t Attributes::index_of(std::string_view key) const {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (key_of(entries_[i]) == key) return i;
    }
    return entries_.size();
}

void Attributes::merge(const Attributes& other) {
    for (const Entry& e : other.entries_) {
        const std::string_view bytes = other.field_of(e);
        char* out = claim(other.key_of(e), bytes.size(), e.key_begin - e.begin);
        if (out != nullptr) std::memcpy(out, bytes.data(), bytes.size());
    }
}

void Attributes::reserve(std::size_t n) {
    // A typical field: a 20-30 character key and a short value.
    constexpr std::size_t kTypicalFieldBytes = 48;
    entries_.reserve(n);
    bytes_.reserve(n * kTypicalFieldBytes);
}

std::optional<AttributeValue> Attributes::find(std::string_view key) const {
    const KeyText text(key, false);
    const SeenBit seen = seen_bit(text.view());
    if ((seen_[seen.word] & seen.bit) == 0) return std::nullopt;
    const std::size_t at = index_of(text.view());
    if (at == entries_.size()) return std::nullopt;
    return decode_field(field_of(entries_[at])).value;
}

std::vector<Attribute> Attributes::items() const {
    std::vector<Attribute> out;
    out.reserve(entries_.size());
    for (const Entry& e : entries_) out.push_back(decode_field(field_of(e)));
    return out;
}

char* Attributes::write_fields(std::uint32_t number, char* out) const {
    char* const first = out;
    const auto copy = [&](std::size_t begin, std::size_t end) {
        if (end == begin) return;
        std::memcpy(out, bytes_.data() + begin, end - begin);
        out += end - begin;
    };
    if (live_bytes_ == bytes_.size()) {
        copy(0, bytes_.size());
    } else {
        // A replaced field moved to the end: the fields in order, adjacent ones copied at once.
        std::size_t run_begin = 0;
        std::size_t run_end = 0;
        for (const Entry& e : entries_) {
            if (e.begin != run_end) {
                copy(run_begin, run_end);
                run_begin = e.begin;
            }
            run_end = e.end;
        }
        copy(run_begin, run_end);
    }
    if (const char tag = tag_byte(number); tag != tag_byte(kStoredField)) {
        std::size_t at = 0;
        for (const Entry& e : entries_) {
            first[at] = tag;
            at += e.end - e.begin;
        }
    }
    return out;
}

}  // namespace gw::telemetry
