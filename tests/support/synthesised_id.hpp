#pragma once
// Bedrock answers carry no id, so each translation synthesises one ("bedrock-" and 32 hex
// digits); tests and fuzzers that compare two translations normalise it first.

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

namespace gw::testing {

// Every synthesised id as "bedrock-ID". A plain scan rather than a regex: the split-point tests
// normalise thousands of outputs.
inline std::string without_synthesised_id(std::string_view text) {
    constexpr std::string_view kPrefix = "bedrock-";
    constexpr size_t kDigits = 32;
    std::string out;
    size_t pos = 0;
    for (size_t found; (found = text.find(kPrefix, pos)) != std::string_view::npos;) {
        const size_t digits = found + kPrefix.size();
        size_t end = digits;
        while (end < text.size() && end - digits < kDigits &&
               std::isxdigit(static_cast<unsigned char>(text[end]))) {
            ++end;
        }
        out.append(text.substr(pos, digits - pos));
        out.append(end - digits == kDigits ? "ID" : text.substr(digits, end - digits));
        pos = end;
    }
    out.append(text.substr(pos));
    return out;
}

}  // namespace gw::testing
