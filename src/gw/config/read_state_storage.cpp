#include "gw/config/read.hpp"

#include <limits>

namespace gw::config::detail {
namespace {

constexpr std::string_view kStateStorageKeys[] = {"type", "connection_string", "ttl",
                                                  "max_conversations"};
constexpr std::string_view kStorageTypes[] = {"memory", "postgres"};
constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

StateStorageType storage_type(std::string_view name) {
    return name == "postgres" ? StateStorageType::Postgres : StateStorageType::Memory;
}

void read_connection_string(const YAML::Node& node, NodeReader& reader, StateStorage& out) {
    const std::string path = "state_storage.connection_string";
    // Messages name the key only: the value holds a password.
    if (out.type == StateStorageType::Postgres &&
        !reader.require(node, "state_storage", "connection_string")) {
        return;
    }
    auto text = reader.string(node["connection_string"], path);
    if (!text) return;
    if (out.type == StateStorageType::Postgres && text->empty()) {
        reader.error(node["connection_string"], path, "must not be empty for type: postgres");
    }
    out.connection_string = std::move(*text);
}

void read_ttl(const YAML::Node& node, NodeReader& reader, StateStorage& out) {
    auto ttl = reader.duration(node["ttl"], "state_storage.ttl");
    if (!ttl) return;
    if (ttl->count() <= 0) {
        reader.error(node["ttl"], "state_storage.ttl", "must be positive");
        return;
    }
    out.ttl = *ttl;
}

}  // namespace

std::optional<StateStorage> read_state_storage(const YAML::Node& node, NodeReader& reader) {
    if (!node.IsMap()) {
        reader.error(node, "state_storage",
                     "expected a mapping such as {type: memory} or {type: postgres, "
                     "connection_string: ...}");
        return std::nullopt;
    }
    reader.expect_map(node, "state_storage", kStateStorageKeys);
    if (!reader.require(node, "state_storage", "type")) return std::nullopt;
    auto type = reader.one_of(node["type"], "state_storage.type", kStorageTypes);
    if (!type) return std::nullopt;
    StateStorage out;
    out.type = storage_type(*type);
    read_connection_string(node, reader, out);
    read_ttl(node, reader, out);
    if (auto max = reader.integer(node["max_conversations"], "state_storage.max_conversations", 1,
                                  kMaxInt64)) {
        out.max_conversations = static_cast<std::size_t>(*max);
    }
    return out;
}

}  // namespace gw::config::detail
