#pragma once
// Helpers shared by the libFuzzer targets of tests/fuzz. Invariant violations trap (a crash
// libFuzzer records with its input), never assert(): they must fire in every build type.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gw::fuzz {

// Traps when `condition` is false.
inline void check(bool condition) {
    if (!condition) __builtin_trap();
}

// The fuzzer's bytes as a string_view.
inline std::string_view as_view(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Splits off the first byte as a control byte; `rest` is the remaining input. Inputs of zero
// length give control 0 and an empty rest.
inline uint8_t take_control(std::string_view& rest) {
    if (rest.empty()) return 0;
    const auto control = static_cast<uint8_t>(rest.front());
    rest.remove_prefix(1);
    return control;
}

// A split position in [0, size] derived from a control byte: spread across the input, so every
// offset of a short input and a spread of offsets of a long one are reachable.
inline size_t split_point(uint8_t control, size_t size) {
    return size == 0 ? 0 : (static_cast<size_t>(control) * (size + 1)) / 256;
}

}  // namespace gw::fuzz
