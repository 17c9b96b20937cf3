#pragma once
// The key of a span attribute. Almost every key the gateway writes is a fixed semantic-convention
// name (see semconv.hpp); those are views of static strings, so setting them allocates nothing —
// a request records ~40 attributes and a heap copy of each key was a measurable share of the
// tracing cost. Keys known only at run time (custom header attributes, decoded OTLP) own a copy.

#include <string>
#include <string_view>
#include <variant>

namespace gw::telemetry {

class AttributeKey {
  public:
    // A key naming storage that outlives every span, i.e. a string literal. Never copied.
    [[nodiscard]] static constexpr AttributeKey literal(std::string_view key) {
        return AttributeKey(Static{key});
    }

    // Keys built at run time: an owned copy.
    AttributeKey(std::string key) : key_(std::move(key)) {}  // NOLINT(google-explicit-constructor)
    AttributeKey(std::string_view key)                       // NOLINT(google-explicit-constructor)
        : key_(std::string(key)) {}
    AttributeKey(const char* key)  // NOLINT(google-explicit-constructor)
        : key_(std::string(key)) {}

    [[nodiscard]] constexpr std::string_view view() const {
        if (const auto* s = std::get_if<Static>(&key_)) return s->text;
        return std::get<std::string>(key_);
    }
    operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
    // A literal is the gateway's own constant text: known valid UTF-8, so encoders need not check.
    [[nodiscard]] constexpr bool is_literal() const { return std::holds_alternative<Static>(key_); }

    friend bool operator==(const AttributeKey& key, std::string_view text) {
        return key.view() == text;
    }
    // For logs and test failure messages; a template so this header needs no <ostream>.
    template <class Stream>
    friend Stream& operator<<(Stream& out, const AttributeKey& key) {
        out << key.view();
        return out;
    }

  private:
    struct Static {
        std::string_view text;
    };
    constexpr explicit AttributeKey(Static key) : key_(key) {}

    std::variant<Static, std::string> key_;
};

}  // namespace gw::telemetry
