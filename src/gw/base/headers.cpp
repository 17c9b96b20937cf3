#include "gw/base/headers.hpp"

#include <algorithm>

namespace gw {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& [k, v] : fields_) {
        if (iequals(k, name)) return std::string_view(v);
    }
    return std::nullopt;
}

void Headers::set(std::string_view name, std::string_view value) {
    auto first = std::find_if(fields_.begin(), fields_.end(),
                              [&](const Field& f) { return iequals(f.first, name); });
    if (first == fields_.end()) {
        fields_.emplace_back(std::string(name), std::string(value));
        return;
    }
    first->second.assign(value);
    fields_.erase(std::remove_if(std::next(first), fields_.end(),
                                 [&](const Field& f) { return iequals(f.first, name); }),
                  fields_.end());
}

size_t Headers::wire_size() const {
    size_t size = 0;
    for (const auto& [name, value] : fields_) size += name.size() + value.size() + 4;
    return size;
}

void Headers::remove(std::string_view name) {
    fields_.erase(std::remove_if(fields_.begin(), fields_.end(),
                                 [&](const Field& f) { return iequals(f.first, name); }),
                  fields_.end());
}

}  // namespace gw
