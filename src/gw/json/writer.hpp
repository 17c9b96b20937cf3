#pragma once
// An append-only writer of compact JSON, for translated bodies and SSE chunks (stack.md §1.3).
// Commas are placed automatically; the caller is responsible for balanced begin/end calls and
// for calling key() before each member value.

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace gw::json {

class JsonWriter {
  public:
    // Appends to `out`, which must outlive the writer; existing content is kept.
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);

    // Escaped; invalid UTF-8 becomes U+FFFD.
    JsonWriter& string(std::string_view text);
    template <std::integral T>
    requires(!std::same_as<T, bool>) JsonWriter& number(T value) {
        if constexpr (std::is_signed_v<T>) {
            return signed_number(static_cast<int64_t>(value));
        } else {
            return unsigned_number(static_cast<uint64_t>(value));
        }
    }
    // Shortest round-trip form; NaN and infinities (not representable in JSON) become null.
    JsonWriter& number(double value);
    JsonWriter& boolean(bool value);
    JsonWriter& null();
    // A JSON value copied verbatim, e.g. a number token exactly as the client wrote it.
    JsonWriter& raw(std::string_view json);

    [[nodiscard]] const std::string& str() const { return out_; }

  private:
    JsonWriter& signed_number(int64_t value);
    JsonWriter& unsigned_number(uint64_t value);
    // Emits the separating comma when a value follows another in the same container.
    void before_value();

    std::string& out_;
    bool need_comma_ = false;
};

}  // namespace gw::json
