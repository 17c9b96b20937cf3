#pragma once
// Model-name resolution exactly as the reference (dataplane.md §2.1-§2.2): exact names, bare model
// ids, wildcards with runtime pass-through, aliases. Pure: no I/O.

#include "gw/base/result.hpp"
#include "gw/config/model.hpp"
#include "gw/providers/base_url.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::providers {

// A provider entry as seen at request time. For a wildcard hit, `model_id` is the requested
// remainder ("custom/anything" -> "anything") and everything else is copied from the wildcard.
struct ResolvedProvider {
    std::shared_ptr<const config::ModelProvider> provider;  // the configured entry
    std::string name;      // key it was found under, e.g. "openai/gpt-4o"
    std::string model_id;  // the model id sent upstream
    // provider_endpoint(*provider), resolved once when the table is built; null when the entry
    // was made by hand (tests), in which case it is resolved per use.
    std::shared_ptr<const Result<BaseUrl>> endpoint{};
};

struct ModelListing {
    std::string id;        // provider name, e.g. "openai/gpt-4o"
    std::string owned_by;  // reference display string: "OpenAI", "Anthropic", "xai" ...
};

class ProviderTable {
  public:
    // Fails when the list is empty or has duplicate names / several defaults (already validated
    // by config, but the table is also used on synthesised configs).
    static Result<ProviderTable> build(const config::Config& cfg);

    // Single-level alias substitution: returns the target, or `model` unchanged.
    [[nodiscard]] std::string_view resolve_alias(std::string_view model) const;

    // get() of the reference: exact key, then prefix/rest, rest, then wildcard pass-through.
    [[nodiscard]] std::optional<ResolvedProvider> find(std::string_view name) const;

    // The `default: true` provider, if any.
    [[nodiscard]] std::optional<ResolvedProvider> default_provider() const;

    // Non-internal providers for GET /v1/models, wildcards of known providers expanded.
    [[nodiscard]] std::vector<ModelListing> list_models() const;

  private:
    std::map<std::string, ResolvedProvider, std::less<>> by_key_;
    std::map<std::string, ResolvedProvider, std::less<>> wildcards_;  // name/model_id unused
    std::map<std::string, std::string, std::less<>> aliases_;
    std::optional<ResolvedProvider> default_;
    std::vector<ModelListing> listing_;
};

// "OpenAI", "Anthropic", "xai" ... as the reference's owned_by display string.
std::string owned_by_display(std::string_view provider_interface);

}  // namespace gw::providers
