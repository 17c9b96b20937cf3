#include "gw/telemetry/attributes.hpp"

#include <algorithm>

namespace gw::telemetry {

std::size_t Attributes::index_of(std::string_view key) const {
    const auto it = std::find_if(items_.begin(), items_.end(),
                                 [&](const Attribute& a) { return a.key == key; });
    return static_cast<std::size_t>(it - items_.begin());
}

void Attributes::merge(const Attributes& other) {
    for (const Attribute& a : other) set(a.key, a.value);
}

const AttributeValue* Attributes::find(std::string_view key) const {
    if ((seen_ & seen_bit(key)) == 0) return nullptr;
    const std::size_t at = index_of(key);
    return at < items_.size() ? &items_[at].value : nullptr;
}

}  // namespace gw::telemetry
