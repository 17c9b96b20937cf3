#include "gw/config/validate.hpp"

#include "gw/base/headers.hpp"
#include "gw/config/env_expand.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace gw::config::detail {
namespace {

constexpr std::string_view kDefaultTracingEndpoint = "http://localhost:4317";

std::string join(const std::set<std::string, std::less<>>& names) {
    std::string out;
    for (const std::string& name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

void check_filter_ids(const ListenerDraft& draft, std::string_view field,
                      const std::vector<std::string>& ids, Mark mark,
                      const std::set<std::string, std::less<>>& known, Diagnostics& diag) {
    for (const std::string& id : ids) {
        if (known.contains(id)) continue;
        diag.error(mark, fmt::format("{}.{}", draft.path, field),
                   fmt::format("Listener '{}' references {} id '{}' which is not defined in "
                               "agents or filters. Available ids: {}",
                               draft.listener.name, field, id, join(known)));
    }
}

std::set<std::string, std::less<>> agent_and_filter_ids(const Document& doc, Diagnostics& diag) {
    std::set<std::string, std::less<>> ids;
    for (const IdDraft& entry : doc.agent_and_filter_ids) {
        if (!ids.insert(entry.id).second) {
            diag.error(entry.mark, entry.path,
                       fmt::format("Duplicate agent id {}, please provide unique id for each agent",
                                   entry.id));
        }
    }
    return ids;
}

// Full names and ids of the non-wildcard providers, plus the prefixes served by wildcards.
struct KnownModels {
    std::set<std::string, std::less<>> names;
    std::set<std::string, std::less<>> wildcard_prefixes;

    [[nodiscard]] bool contains(const std::string& model) const {
        if (names.contains(model)) return true;
        const std::size_t slash = model.find('/');
        return slash != std::string::npos && wildcard_prefixes.contains(model.substr(0, slash));
    }
};

KnownModels known_models(const Document& doc) {
    KnownModels known;
    for (const ProviderDraft& draft : doc.providers) {
        const ModelProvider& p = draft.provider;
        if (p.model_id.empty()) continue;
        if (p.wildcard) {
            known.wildcard_prefixes.insert(p.provider);
            continue;
        }
        known.names.insert(p.name);
        known.names.insert(p.model);
        known.names.insert(p.model_id);
    }
    return known;
}

void check_preferences(const Document& doc, const KnownModels& known, Diagnostics& diag) {
    std::set<std::string, std::less<>> names;
    for (const PreferenceDraft& draft : doc.routing_preferences) {
        const RoutingPreference& pref = draft.preference;
        if (!pref.name.empty() && !names.insert(pref.name).second) {
            diag.error(draft.mark, draft.path + ".name",
                       fmt::format("Duplicate routing preference name \"{}\", please provide "
                                   "unique name for each routing preference",
                                   pref.name));
        }
        for (std::size_t i = 0; i < pref.models.size(); ++i) {
            if (known.contains(pref.models[i])) continue;
            const Mark mark = i < draft.model_marks.size() ? draft.model_marks[i] : draft.mark;
            diag.error(mark, fmt::format("{}.models[{}]", draft.path, i),
                       fmt::format("Routing preference '{}' uses model '{}' which is not defined "
                                   "as a model. Available models: {}",
                                   pref.name, pref.models[i], join(known.names)));
        }
    }
}

}  // namespace

void validate_listeners(const Document& doc, Diagnostics& diag) {
    const auto ids = agent_and_filter_ids(doc, diag);
    std::set<std::string, std::less<>> names;
    std::map<uint16_t, std::string> ports;
    for (const ListenerDraft& draft : doc.listeners) {
        const Listener& l = draft.listener;
        if (!l.name.empty() && !names.insert(l.name).second) {
            diag.error(l.mark, draft.path + ".name",
                       fmt::format("Duplicate listener name {}, please provide unique name for "
                                   "each listener",
                                   l.name));
        }
        if (l.type == ListenerType::Agent && !draft.has_port) {
            diag.error(l.mark, draft.path + ".port", "agent listeners need an explicit port");
        } else if (auto [it, fresh] = ports.emplace(l.port, l.name); !fresh) {
            diag.error(l.mark, draft.path + ".port",
                       fmt::format("port {} is already used by listener '{}'", l.port, it->second));
        }
        check_filter_ids(draft, "input_filters", l.input_filters, draft.input_filters_mark, ids,
                         diag);
        check_filter_ids(draft, "output_filters", l.output_filters, draft.output_filters_mark, ids,
                         diag);
    }
}

void validate_model_references(const Document& doc, Diagnostics& diag) {
    const KnownModels known = known_models(doc);
    for (const AliasDraft& draft : doc.aliases) {
        const ModelAlias& alias = draft.alias;
        if (known.names.contains(alias.target)) continue;
        diag.error(draft.target_mark, fmt::format("model_aliases.{}.target", alias.alias),
                   fmt::format("Model alias '{}' targets '{}' which is not defined as a model. "
                               "Available models: {}",
                               alias.alias, alias.target, join(known.names)));
    }
    check_preferences(doc, known, diag);
}

void resolve_tracing_endpoint(Document& doc, const Environment& env, Diagnostics& diag) {
    if (!doc.tracing) return;
    auto& endpoint = doc.tracing->opentracing_grpc_endpoint;
    if (!endpoint) {
        auto from_env = env.find("OTEL_TRACING_GRPC_ENDPOINT");
        endpoint = from_env != env.end() ? expand_env(from_env->second, env).value
                                         : std::string(kDefaultTracingEndpoint);
    }
    const std::string_view url = *endpoint;
    const std::size_t scheme_end = url.find("://");
    const std::string_view scheme = url.substr(0, scheme_end);
    const std::string key = "tracing.opentracing_grpc_endpoint";
    if (scheme_end == std::string_view::npos ||
        (!iequals(scheme, "http") && !iequals(scheme, "https"))) {
        diag.error(
            doc.tracing_endpoint_mark, key,
            fmt::format("Invalid opentracing_grpc_endpoint {}, scheme must be http or https", url));
        return;
    }
    const std::string_view after_scheme = url.substr(scheme_end + 3);
    const std::size_t path_start = after_scheme.find('/');
    if (path_start != std::string_view::npos && after_scheme.substr(path_start) != "/") {
        diag.error(doc.tracing_endpoint_mark, key,
                   fmt::format("Invalid opentracing_grpc_endpoint {}, path must be empty", url));
    }
}

}  // namespace gw::config::detail
