#include "gw/providers/provider_table.hpp"

#include "gw/providers/model_catalogue.hpp"
#include "gw/providers/provider_id.hpp"

#include <fmt/format.h>

#include <set>

namespace gw::providers {
namespace {

using ProviderPtr = std::shared_ptr<const config::ModelProvider>;

bool is_wildcard(const config::ModelProvider& p) {
    return p.wildcard || p.model == "*" || p.model.ends_with("/*") || p.model_id == "*";
}

// "openai/*" -> "openai", "*" -> "".
std::string wildcard_prefix(std::string_view name) {
    if (name.ends_with("/*"))
        name.remove_suffix(2);
    else if (name.ends_with("*"))
        name.remove_suffix(1);
    return std::string(name);
}

Result<void> check_defaults(const config::Config& cfg) {
    if (cfg.model_providers.empty()) {
        return Error::invalid("No model providers configured: add at least one model_provider");
    }
    size_t defaults = 0;
    for (const auto& p : cfg.model_providers) defaults += p.is_default ? 1 : 0;
    if (defaults > 1) {
        return Error::invalid("More than one model_provider has default: true; mark only one");
    }
    return {};
}

}  // namespace

std::string owned_by_display(std::string_view provider_interface) {
    const auto id = parse_provider_id(provider_interface);
    return std::string(id ? display_name(*id) : provider_interface);
}

Result<ProviderTable> ProviderTable::build(const config::Config& cfg) {
    if (auto ok = check_defaults(cfg); !ok) return ok.error();
    ProviderTable table;
    std::set<std::string, std::less<>> explicit_names;
    std::vector<ProviderPtr> explicit_providers;
    std::vector<ProviderPtr> wildcard_providers;
    for (const auto& p : cfg.model_providers) {
        auto shared = std::make_shared<const config::ModelProvider>(p);
        if (is_wildcard(p)) {
            wildcard_providers.push_back(std::move(shared));
            continue;
        }
        if (!explicit_names.insert(p.name).second) {
            return Error::invalid(fmt::format("Duplicate model_provider name {}", p.name));
        }
        explicit_providers.push_back(std::move(shared));
    }
    // Expanded wildcard entries first, so explicit entries win on every key they share.
    for (const auto& w : wildcard_providers) {
        auto endpoint = std::make_shared<const Result<BaseUrl>>(provider_endpoint(*w));
        std::string prefix = wildcard_prefix(w->name);
        const auto id = parse_provider_id(prefix);
        for (std::string_view model :
             id ? catalogued_models(*id) : std::span<const std::string_view>{}) {
            std::string name = fmt::format("{}/{}", prefix, model);
            if (explicit_names.contains(name)) continue;
            ResolvedProvider entry{w, name, std::string(model), endpoint};
            table.by_key_.insert_or_assign(std::string(model), entry);
            table.by_key_.insert_or_assign(std::move(name), std::move(entry));
        }
        if (!table.wildcards_.emplace(std::move(prefix), ResolvedProvider{w, {}, {}, endpoint})
                 .second) {
            return Error::invalid(fmt::format("Duplicate wildcard model_provider {}", w->name));
        }
    }
    for (const auto& p : explicit_providers) {
        auto endpoint = std::make_shared<const Result<BaseUrl>>(provider_endpoint(*p));
        ResolvedProvider entry{p, p->name, p->model_id, std::move(endpoint)};
        if (p->is_default) table.default_ = entry;
        table.by_key_.insert_or_assign(p->model_id, entry);
        table.by_key_.insert_or_assign(p->name, std::move(entry));
    }
    for (const auto& a : cfg.model_aliases) table.aliases_.insert_or_assign(a.alias, a.target);
    for (const auto& [key, entry] : table.by_key_) {
        // Each provider once, under its canonical name; internal ones are not for clients.
        if (key != entry.name || entry.provider->internal) continue;
        table.listing_.push_back({key, owned_by_display(entry.provider->provider_interface)});
    }
    return table;
}

std::string_view ProviderTable::resolve_alias(std::string_view model) const {
    const auto it = aliases_.find(model);
    return it == aliases_.end() ? model : std::string_view(it->second);
}

std::optional<ResolvedProvider> ProviderTable::find(std::string_view name) const {
    if (const auto it = by_key_.find(name); it != by_key_.end()) return it->second;
    const size_t slash = name.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::string_view prefix = name.substr(0, slash);
    const std::string_view rest = name.substr(slash + 1);
    if (const auto it = by_key_.find(rest); it != by_key_.end()) return it->second;
    if (const auto it = wildcards_.find(prefix); it != wildcards_.end()) {
        return ResolvedProvider{it->second.provider, std::string(name), std::string(rest),
                                it->second.endpoint};
    }
    return std::nullopt;
}

std::optional<ResolvedProvider> ProviderTable::default_provider() const { return default_; }

std::vector<ModelListing> ProviderTable::list_models() const { return listing_; }

}  // namespace gw::providers
