#pragma once
// Span attributes: an ordered list of key/value pairs where a second write to a key replaces the
// first (last write wins, unlike the reference, which exports duplicates). Bounded: keys beyond
// the limit are dropped and counted, so a runaway header set cannot grow a span without end.

#include "gw/telemetry/attribute_key.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
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
    using const_iterator = std::vector<Attribute>::const_iterator;

    Attributes() = default;
    explicit Attributes(std::size_t limit) : limit_(limit) {}

    void set(AttributeKey key, AttributeValue value) { put(std::move(key), std::move(value)); }
    void set(AttributeKey key, std::string_view value) { put(std::move(key), std::string(value)); }
    void set(AttributeKey key, const char* value) { put(std::move(key), std::string(value)); }
    void set(AttributeKey key, std::string value) { put(std::move(key), std::move(value)); }
    void set(AttributeKey key, StringArray value) { put(std::move(key), std::move(value)); }
    void set(AttributeKey key, double value) { put(std::move(key), value); }
    // Integers of any width become int64 (unsigned values above INT64_MAX saturate); bool stays
    // bool.
    template <std::integral T>
    void set(AttributeKey key, T value) {
        if constexpr (std::is_same_v<T, bool>) {
            put(std::move(key), value);
        } else if constexpr (std::is_unsigned_v<T>) {
            constexpr auto kMax =
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
            const auto wide = static_cast<std::uint64_t>(value);
            put(std::move(key), static_cast<std::int64_t>(wide > kMax ? kMax : wide));
        } else {
            put(std::move(key), static_cast<std::int64_t>(value));
        }
    }
    // Sets every attribute of `other` in order, with the same last-write-wins rule.
    void merge(const Attributes& other);

    [[nodiscard]] const AttributeValue* find(std::string_view key) const;
    [[nodiscard]] const_iterator begin() const { return items_.begin(); }
    [[nodiscard]] const_iterator end() const { return items_.end(); }
    [[nodiscard]] std::size_t size() const { return items_.size(); }
    [[nodiscard]] bool empty() const { return items_.empty(); }
    // Number of distinct keys refused because the limit was reached.
    [[nodiscard]] std::uint32_t dropped() const { return dropped_; }
    void reserve(std::size_t n) { items_.reserve(n); }

  private:
    // Inline because a span records ~40 attributes per request: the common case (a key not set
    // before, room left) is one bit test and one in-place append.
    template <class Value>
    void put(AttributeKey&& key, Value&& value) {
        const std::uint64_t bit = seen_bit(key.view());
        if ((seen_ & bit) != 0) {
            if (const std::size_t at = index_of(key.view()); at < items_.size()) {
                items_[at].value = std::forward<Value>(value);
                return;
            }
        }
        if (items_.size() >= limit_) {
            ++dropped_;
            return;
        }
        seen_ |= bit;
        items_.emplace_back(std::move(key), std::forward<Value>(value));
    }

    // Which of the 64 bits of seen_ stands for `key`. Keys of one length mostly differ in their
    // last characters ("...input_tokens", "...output_tokens"), so those are mixed in.
    static std::uint64_t seen_bit(std::string_view key) {
        if (key.empty()) return 1;
        const auto last = static_cast<unsigned char>(key.back());
        const auto middle = static_cast<unsigned char>(key[key.size() / 2]);
        return std::uint64_t{1} << ((key.size() * 7 + last * 3 + middle) & 63);
    }
    // Position of `key` in items_, or items_.size() when absent.
    [[nodiscard]] std::size_t index_of(std::string_view key) const;

    std::vector<Attribute> items_;
    // One bit per key hash seen: a clear bit proves a key is new, so most sets of a span's ~40
    // distinct keys append without scanning the ones already there.
    std::uint64_t seen_ = 0;
    std::size_t limit_ = kDefaultAttributeLimit;
    std::uint32_t dropped_ = 0;
};

}  // namespace gw::telemetry
