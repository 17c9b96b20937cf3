#include "gw/telemetry/attributes.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace gw::telemetry {
namespace {

// Which of the 64 bits of Attributes::seen_ stands for `key`. Keys of one length mostly differ in
// their last characters ("...input_tokens", "...output_tokens"), so those are mixed in.
std::uint64_t seen_bit(std::string_view key) {
    if (key.empty()) return 1;
    const auto last = static_cast<unsigned char>(key.back());
    const auto middle = static_cast<unsigned char>(key[key.size() / 2]);
    return std::uint64_t{1} << ((key.size() * 7 + last * 3 + middle) & 63);
}

}  // namespace

void Attributes::set(AttributeKey key, AttributeValue value) {
    const std::string_view name = key.view();
    const std::uint64_t bit = seen_bit(name);
    if ((seen_ & bit) != 0) {
        const auto existing = std::find_if(items_.begin(), items_.end(),
                                           [&](const Attribute& a) { return a.key == name; });
        if (existing != items_.end()) {
            existing->value = std::move(value);
            return;
        }
    }
    if (items_.size() >= limit_) {
        ++dropped_;
        return;
    }
    seen_ |= bit;
    items_.push_back(Attribute{std::move(key), std::move(value)});
}

void Attributes::merge(const Attributes& other) {
    for (const Attribute& a : other) set(a.key, a.value);
}

const AttributeValue* Attributes::find(std::string_view key) const {
    if ((seen_ & seen_bit(key)) == 0) return nullptr;
    const auto it = std::find_if(items_.begin(), items_.end(),
                                 [&](const Attribute& a) { return a.key == key; });
    return it == items_.end() ? nullptr : &it->value;
}

}  // namespace gw::telemetry
