#pragma once
// Joins string pieces with one allocation, for hot paths where fmt::format's parsing and type
// erasure cost more than the bytes (span names are built for every traced request).

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

}  // namespace gw
