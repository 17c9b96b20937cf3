#pragma once
// Span attributes, held as the OTLP KeyValue fields they are exported as: set() writes the key and
// value in protobuf form at once, so exporting a span copies its ~40 attributes in one go instead
// of sizing and writing each typed value again, and a span keeps one buffer instead of a string
// per value. A second write to a key replaces the first (last write wins, unlike the reference,
// which exports duplicates) in the key's first position. Bounded: keys beyond the limit are
// dropped and counted, so a runaway header set cannot grow a span without end. Text is kept as it
// is exported: invalid UTF-8 in a key or value is already replaced with U+FFFD.

#include "gw/telemetry/attribute_key.hpp"
#include "gw/telemetry/byte_buffer.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace gw::telemetry {

// The OTLP AnyValue kinds we emit. The string array covers GenAI list attributes such as
// gen_ai.response.finish_reasons and gen_ai.request.stop_sequences.
using StringArray = std::vector<std::string>;
using AttributeValue = std::variant<std::string, std::int64_t, double, bool, StringArray>;

// One attribute in decoded form: what Attributes::find and items() give back, and what the
// collector stores.
struct Attribute {
    // The value is built in place from whatever `value` is (a string, an integer, ...).
    template <class Value>
    Attribute(AttributeKey k, Value&& v) : key(std::move(k)), value(std::forward<Value>(v)) {}

    AttributeKey key;
    AttributeValue value;

    friend bool operator==(const Attribute& a, const Attribute& b) {
        return a.key == b.key.view() && a.value == b.value;
    }
};

// OpenTelemetry's default span attribute count limit.
inline constexpr std::size_t kDefaultAttributeLimit = 128;

class Attributes {
  public:
    Attributes() = default;
    explicit Attributes(std::size_t limit) : limit_(limit) {}

    void set(const AttributeKey& key, std::string_view value) { put_string(key, value); }
    void set(const AttributeKey& key, const char* value) { put_string(key, value); }
    void set(const AttributeKey& key, const std::string& value) { put_string(key, value); }
    void set(const AttributeKey& key, const StringArray& value) { put_array(key, value); }
    void set(const AttributeKey& key, double value) { put_double(key, value); }
    void set(const AttributeKey& key, const AttributeValue& value);
    // Integers of any width become int64 (unsigned values above INT64_MAX saturate); bool stays
    // bool.
    template <std::integral T>
    void set(const AttributeKey& key, T value) {
        if constexpr (std::is_same_v<T, bool>) {
            put_bool(key, value);
        } else if constexpr (std::is_unsigned_v<T>) {
            constexpr auto kMax =
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
            const auto wide = static_cast<std::uint64_t>(value);
            put_int(key, static_cast<std::int64_t>(wide > kMax ? kMax : wide));
        } else {
            put_int(key, static_cast<std::int64_t>(value));
        }
    }
    // Sets every attribute of `other` in order, with the same last-write-wins rule.
    void merge(const Attributes& other);

    // The value of `key` (decoded: for tests, logs and the rare reader, not the hot path).
    [[nodiscard]] std::optional<AttributeValue> find(std::string_view key) const;
    // Every attribute, decoded, in order of first appearance.
    [[nodiscard]] std::vector<Attribute> items() const;
    [[nodiscard]] std::size_t size() const { return entries_.size(); }
    [[nodiscard]] bool empty() const { return entries_.empty(); }
    // Number of distinct keys refused because the limit was reached.
    [[nodiscard]] std::uint32_t dropped() const { return dropped_; }
    // Room for `n` attributes of a typical size, so a span's recording does not regrow.
    void reserve(std::size_t n);

    // The bytes write_fields() writes.
    [[nodiscard]] std::size_t encoded_size() const { return live_bytes_; }
    // Writes every attribute as a KeyValue field numbered `field` (below 16: a one-byte tag) of
    // the enclosing message, in order, and returns the end.
    char* write_fields(std::uint32_t field, char* out) const;

  private:
    // One attribute's field in bytes_: [begin, end), its key's text at key_begin.
    struct Entry {
        std::uint32_t begin;
        std::uint32_t end;
        std::uint32_t key_begin;
        std::uint32_t key_size;
    };
    void put_string(const AttributeKey& key, std::string_view value);
    void put_int(const AttributeKey& key, std::int64_t value);
    void put_double(const AttributeKey& key, double value);
    void put_bool(const AttributeKey& key, bool value);
    void put_array(const AttributeKey& key, const StringArray& value);
    // Writes the field of `key` whose AnyValue payload has `any_value` bytes, written by
    // `write_value(wire::Writer&)`.
    template <class WriteValue>
    void put(const AttributeKey& key, std::size_t any_value, const WriteValue& write_value);

    // Which of the 128 bits of seen_ stands for `key`. Keys of one length mostly differ in their
    // last characters ("...input_tokens", "...output_tokens"), so those are mixed in.
    struct SeenBit {
        std::size_t word;
        std::uint64_t bit;
    };
    static SeenBit seen_bit(std::string_view key) {
        if (key.empty()) return {0, 1};
        const auto last = static_cast<unsigned char>(key.back());
        const auto middle = static_cast<unsigned char>(key[key.size() / 2]);
        const std::size_t hash = key.size() * 7 + last * 3 + middle;
        return {(hash >> 6) & 1, std::uint64_t{1} << (hash & 63)};
    }
    // Where the `size` bytes of the field of `key` go (its text at `key_offset` in the field):
    // over the key's old field when that has the same size, else at the end. Null when the key is
    // new and the limit is reached. Inline because a span records ~40 attributes per request: the
    // common case (a key not set before, room left in both buffers) is a bit test and an append
    // that calls nothing, so it needs no register saves; everything else is claim_slow().
    char* claim(std::string_view key, std::size_t size, std::size_t key_offset) {
        const SeenBit seen = seen_bit(key);
        const std::size_t count = entries_.size();
        if ((seen_[seen.word] & seen.bit) != 0 || count >= limit_ || count == entries_.capacity() ||
            !bytes_.has_room(size)) [[unlikely]] {
            return claim_slow(key, size, key_offset, seen);
        }
        return append_field(key, size, key_offset, seen);
    }
    char* append_field(std::string_view key, std::size_t size, std::size_t key_offset,
                       SeenBit seen) {
        seen_[seen.word] |= seen.bit;
        entries_.push_back(entry_at_end(key, size, key_offset));
        live_bytes_ += size;
        return bytes_.extend(size);
    }
    // A key that may have been set before (`seen` is its bit), the limit reached, or a buffer to
    // grow.
    char* claim_slow(std::string_view key, std::size_t size, std::size_t key_offset, SeenBit seen);
    [[nodiscard]] Entry entry_at_end(std::string_view key, std::size_t size,
                                     std::size_t key_offset) const {
        const std::size_t begin = bytes_.size();
        return {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(begin + size),
                static_cast<std::uint32_t>(begin + key_offset),
                static_cast<std::uint32_t>(key.size())};
    }

    [[nodiscard]] std::string_view key_of(const Entry& e) const {
        return {bytes_.data() + e.key_begin, e.key_size};
    }
    [[nodiscard]] std::string_view field_of(const Entry& e) const {
        return {bytes_.data() + e.begin, e.end - e.begin};
    }
    // Position of `key` in entries_, or entries_.size() when absent.
    [[nodiscard]] std::size_t index_of(std::string_view key) const;

    ByteBuffer bytes_;
    std::vector<Entry> entries_;
    // One bit per key hash seen: a clear bit proves a key is new, so most sets of a span's ~40
    // distinct keys append without scanning the ones already there.
    std::uint64_t seen_[2] = {0, 0};
    // Bytes of bytes_ still referenced; less than its size once a replaced field moved to the end.
    std::size_t live_bytes_ = 0;
    std::size_t limit_ = kDefaultAttributeLimit;
    std::uint32_t dropped_ = 0;
};

}  // namespace gw::telemetry
