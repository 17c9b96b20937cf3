#include "gw/telemetry/attributes.hpp"

#include <algorithm>
#include <utility>

namespace gw::telemetry {

void Attributes::set(AttributeKey key, AttributeValue value) {
    const std::string_view name = key.view();
    const auto existing = std::find_if(items_.begin(), items_.end(),
                                       [&](const Attribute& a) { return a.key == name; });
    if (existing != items_.end()) {
        existing->value = std::move(value);
        return;
    }
    if (items_.size() >= limit_) {
        ++dropped_;
        return;
    }
    items_.push_back(Attribute{std::move(key), std::move(value)});
}

void Attributes::merge(const Attributes& other) {
    for (const Attribute& a : other) set(a.key, a.value);
}

const AttributeValue* Attributes::find(std::string_view key) const {
    const auto it = std::find_if(items_.begin(), items_.end(),
                                 [&](const Attribute& a) { return a.key == key; });
    return it == items_.end() ? nullptr : &it->value;
}

}  // namespace gw::telemetry
