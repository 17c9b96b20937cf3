#include "gw/config/load.hpp"

#include "gw/base/result.hpp"
#include "gw/config/diagnostics.hpp"
#include "gw/config/internal_providers.hpp"
#include "gw/config/migrate.hpp"
#include "gw/config/read.hpp"
#include "gw/config/validate.hpp"
#include "gw/config/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace gw::config {
namespace {

using detail::Diagnostics;
using detail::Document;
using detail::to_mark;

Config build_config(Document doc, std::string_view file) {
    std::vector<ModelProvider> internal = detail::internal_providers(doc);
    Config cfg;
    cfg.version = std::move(doc.version);
    for (detail::ListenerDraft& draft : doc.listeners) {
        cfg.listeners.push_back(std::move(draft.listener));
    }
    for (detail::ProviderDraft& draft : doc.providers) {
        cfg.model_providers.push_back(std::move(draft.provider));
    }
    std::move(internal.begin(), internal.end(), std::back_inserter(cfg.model_providers));
    for (detail::AliasDraft& draft : doc.aliases) {
        cfg.model_aliases.push_back(std::move(draft.alias));
    }
    for (detail::PreferenceDraft& draft : doc.routing_preferences) {
        cfg.routing_preferences.push_back(std::move(draft.preference));
    }
    cfg.routing = std::move(doc.routing);
    cfg.model_metrics_sources = std::move(doc.model_metrics_sources);
    cfg.tracing = std::move(doc.tracing);
    cfg.overrides = doc.overrides;
    cfg.state_storage = std::move(doc.state_storage);
    cfg.source_path = std::string(file);
    return cfg;
}

// Reading checks shapes; migration and validation then relate entries to each other. Semantic
// checks run even after shape errors so that one pass reports as much as possible.
std::optional<Config> process(const YAML::Node& root, std::string_view file, const Environment& env,
                              Diagnostics& diag) {
    detail::NodeReader reader(diag, env);
    Document doc = detail::read_document(root, reader);
    detail::migrate_inline_preferences(doc, diag);
    detail::normalise_listeners(doc, diag);
    detail::validate_providers(doc, diag);
    detail::validate_listeners(doc, diag);
    detail::validate_model_references(doc, diag);
    detail::validate_routing_sources(doc, diag);
    detail::resolve_tracing_endpoint(doc, env, diag);
    if (diag.has_errors()) return std::nullopt;
    return build_config(std::move(doc), file);
}

LoadResult finish(Diagnostics& diag, std::optional<Config> config) {
    LoadResult result;
    result.errors = std::move(diag.errors());
    result.warnings = std::move(diag.warnings());
    if (result.errors.empty()) result.config = std::move(config);
    return result;
}

// The file's contents, or why it cannot be read.
Result<std::string> read_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return Error::io(ec ? ec.message() : std::string("not a regular file"));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::io(std::strerror(errno));
    std::ostringstream body;
    body << in.rdbuf();  // sets failbit on `body` for an empty file, which is not a read error
    if (in.bad()) return Error::io(std::strerror(errno));
    return std::move(body).str();
}

}  // namespace

LoadResult load_config_text(std::string_view text, std::string_view file, const Environment& env) {
    Diagnostics diag{std::string(file)};
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        diag.error(to_mark(e.mark), "", "YAML syntax error: " + e.msg);
        return finish(diag, std::nullopt);
    }
    if (!root.IsDefined() || root.IsNull()) {
        diag.error({}, "", "the file is empty (expected at least 'version' and 'model_providers')");
        return finish(diag, std::nullopt);
    }
    if (!root.IsMap()) {
        diag.error(detail::mark_of(root), "", "expected a mapping at the top level");
        return finish(diag, std::nullopt);
    }
    try {
        std::optional<Config> config = process(root, file, env, diag);
        return finish(diag, std::move(config));
    } catch (const YAML::Exception& e) {
        // Defensive: the readers check shapes before subscripting, so this means a bug.
        diag.error(to_mark(e.mark), "", "unexpected YAML structure: " + e.msg);
        return finish(diag, std::nullopt);
    }
}

LoadResult load_config_file(const std::string& path) {
    const std::filesystem::path config_path(path);
    auto text = read_file(config_path);
    if (!text) {
        LoadResult result;
        result.errors.push_back(
            ConfigError{path, 0, 0, "", "cannot read config file: " + text.error().message});
        return result;
    }
    Environment env;  // a missing or unreadable .env simply contributes nothing
    if (auto dotenv = read_file(config_path.parent_path() / ".env")) env = parse_dotenv(*dotenv);
    for (auto& [name, value] : process_environment()) env.insert_or_assign(name, value);
    return load_config_text(*text, path, env);
}

}  // namespace gw::config
