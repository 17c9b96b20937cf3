#pragma once
// Joins string pieces with one allocation, for hot paths where fmt::format's parsing and type
// erasure cost more than the bytes (request and response heads, span names: every request).

#include <array>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace gw {

inline std::string concat(std::initializer_list<std::string_view> pieces) {
    std::size_t size = 0;
    for (std::string_view piece : pieces) size += piece.size();
    std::string out;
    out.reserve(size);
    for (std::string_view piece : pieces) out.append(piece);
    return out;
}

// The decimal digits of an unsigned number, held in place: a concat piece that allocates nothing.
class Decimal {
  public:
    explicit Decimal(std::uint64_t value)
        : size_(static_cast<std::size_t>(
              std::to_chars(digits_.data(), digits_.data() + digits_.size(), value).ptr -
              digits_.data())) {}
    [[nodiscard]] std::string_view view() const { return {digits_.data(), size_}; }

  private:
    std::array<char, 20> digits_{};  // UINT64_MAX has 20 digits
    std::size_t size_;
};

}  // namespace gw
