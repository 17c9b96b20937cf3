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

    void set(AttributeKey key, AttributeValue value);
    void set(AttributeKey key, std::string_view value) {
        set(std::move(key), AttributeValue(std::string(value)));
    }
    void set(AttributeKey key, const char* value) { set(std::move(key), std::string_view(value)); }
    void set(AttributeKey key, std::string value) {
        set(std::move(key), AttributeValue(std::move(value)));
    }
    void set(AttributeKey key, double value) { set(std::move(key), AttributeValue(value)); }
    // Integers of any width become int64 (unsigned values above INT64_MAX saturate); bool stays
    // bool.
    template <std::integral T>
    void set(AttributeKey key, T value) {
        if constexpr (std::is_same_v<T, bool>) {
            set(std::move(key), AttributeValue(value));
        } else if constexpr (std::is_unsigned_v<T>) {
            constexpr auto kMax =
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
            const auto wide = static_cast<std::uint64_t>(value);
            set(std::move(key),
                AttributeValue(static_cast<std::int64_t>(wide > kMax ? kMax : wide)));
        } else {
            set(std::move(key), AttributeValue(static_cast<std::int64_t>(value)));
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
    std::vector<Attribute> items_;
    // One bit per key hash seen: a clear bit proves a key is new, so most sets of a span's ~40
    // distinct keys append without scanning the ones already there.
    std::uint64_t seen_ = 0;
    std::size_t limit_ = kDefaultAttributeLimit;
    std::uint32_t dropped_ = 0;
};

}  // namespace gw::telemetry
