#include "gw/config/migrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace gw::config::detail {
namespace {

constexpr std::string_view kMigratedVersion = "v0.4.0";
constexpr std::array<int, 3> kInlinePreferencesRemoved = {0, 4, 0};

int version_part(std::string_view part) {
    int value = 0;
    for (char c : part) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) return 0;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool is_wildcard(const ModelProvider& p) { return p.model.ends_with("/*") || p.model == "*"; }

PreferenceDraft* find_preference(std::vector<PreferenceDraft>& list, std::string_view name) {
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const PreferenceDraft& d) { return d.preference.name == name; });
    return it == list.end() ? nullptr : &*it;
}

void add_model(PreferenceDraft& group, const std::string& model) {
    auto& models = group.preference.models;
    if (std::find(models.begin(), models.end(), model) == models.end()) models.push_back(model);
}

// Groups the inline preferences of every provider by name, in declaration order.
std::vector<PreferenceDraft> group_inline_preferences(Document& doc, Diagnostics& diag) {
    std::vector<PreferenceDraft> groups;
    for (ProviderDraft& draft : doc.providers) {
        if (draft.inline_preferences.empty() || draft.provider.model.empty()) continue;
        if (is_wildcard(draft.provider)) {
            diag.error(draft.model_mark, draft.path + ".routing_preferences",
                       fmt::format("Model {} has routing_preferences but uses wildcard (*). Models "
                                   "with routing preferences cannot be wildcards.",
                                   draft.provider.model));
            continue;
        }
        for (const InlinePreference& inline_pref : draft.inline_preferences) {
            PreferenceDraft* group = find_preference(groups, inline_pref.name);
            if (group == nullptr) {
                PreferenceDraft fresh;
                fresh.preference.name = inline_pref.name;
                fresh.preference.description = inline_pref.description;
                fresh.path = draft.path + ".routing_preferences";
                fresh.mark = inline_pref.mark;
                groups.push_back(std::move(fresh));
                group = &groups.back();
            } else if (group->preference.description != inline_pref.description) {
                diag.warn(
                    fmt::format("routing preference '{}' has conflicting descriptions "
                                "across providers; keeping the first one.",
                                inline_pref.name));
            }
            add_model(*group, draft.provider.model);
        }
        draft.inline_preferences.clear();
    }
    return groups;
}

}  // namespace

std::array<int, 3> version_tuple(std::string_view version) {
    while (!version.empty() && std::isspace(static_cast<unsigned char>(version.front())) != 0) {
        version.remove_prefix(1);
    }
    if (!version.empty() && (version.front() == 'v' || version.front() == 'V')) {
        version.remove_prefix(1);
    }
    version = version.substr(0, version.find('-'));
    std::array<int, 3> parts{0, 0, 0};
    for (int& part : parts) {
        if (version.empty()) break;
        const std::size_t dot = version.find('.');
        part = version_part(version.substr(0, dot));
        version = dot == std::string_view::npos ? std::string_view() : version.substr(dot + 1);
    }
    return parts;
}

void migrate_inline_preferences(Document& doc, Diagnostics& diag) {
    if (doc.version.empty()) return;  // already reported as invalid
    if (version_tuple(doc.version) >= kInlinePreferencesRemoved) {
        for (const ProviderDraft& draft : doc.providers) {
            if (draft.inline_preferences.empty()) continue;
            diag.warn(
                fmt::format("{}.routing_preferences is ignored in {}; move it to the "
                            "top-level routing_preferences",
                            draft.path, doc.version));
        }
        return;
    }
    doc.version = std::string(kMigratedVersion);
    std::vector<PreferenceDraft> groups = group_inline_preferences(doc, diag);
    if (groups.empty()) return;
    for (PreferenceDraft& group : groups) {
        if (find_preference(doc.routing_preferences, group.preference.name) == nullptr) {
            group.model_marks.assign(group.preference.models.size(), group.mark);
            doc.routing_preferences.push_back(std::move(group));
        }
    }
    diag.warn(
        "inline routing_preferences under model_providers is deprecated and has been "
        "auto-migrated to top-level routing_preferences; please move them there.");
}

void normalise_listeners(Document& doc, Diagnostics& diag) {
    const ListenerDraft* model_listener = nullptr;
    for (const ListenerDraft& draft : doc.listeners) {
        if (draft.listener.type != ListenerType::Model) continue;
        if (model_listener != nullptr) {
            diag.error(draft.listener.mark, draft.path + ".type",
                       fmt::format("Currently only one listener can have model_providers set "
                                   "(listener '{}' is already the model listener)",
                                   model_listener->listener.name));
        } else {
            model_listener = &draft;
        }
    }
    if (model_listener != nullptr) return;
    ListenerDraft fallback;
    fallback.listener.name = "egress_traffic";
    fallback.path = "listeners";
    fallback.synthesised = true;
    doc.listeners.push_back(std::move(fallback));
}

}  // namespace gw::config::detail
