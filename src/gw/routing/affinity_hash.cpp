#include "gw/routing/affinity_hash.hpp"

#include "gw/routing/message_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace gw::routing {
namespace {

using translate::ContentPart;

constexpr uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
constexpr uint64_t kPrime = 0x100000001b3ULL;
constexpr uint64_t kSeparator = 0x1f;
// Keeps stored keys from being correlated with prompt content across systems; the same on every
// replica so a shared cache keys consistently.
constexpr std::string_view kSalt = "plano-affinity-v1";
constexpr std::string_view kImplicitPrefix = "implicit:";

uint64_t feed(uint64_t hash, std::string_view bytes) {
    for (const char byte : bytes) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= kPrime;
    }
    hash ^= kSeparator;
    return hash * kPrime;
}

std::string joined_tool_names(const std::vector<translate::ToolDefinition>& tools) {
    std::string names;
    for (size_t i = 0; i < tools.size(); ++i) {
        if (i > 0) names += ',';
        names += tools[i].name;
    }
    return names;
}

const translate::Message* first_user_message(const translate::Request& request) {
    const auto found =
        std::ranges::find(request.messages, translate::Role::User, &translate::Message::role);
    return found == request.messages.end() ? nullptr : &*found;
}

}  // namespace

uint64_t affinity_hash(std::span<const std::string_view> chunks) {
    uint64_t hash = feed(kOffsetBasis, kSalt);
    for (const std::string_view chunk : chunks) hash = feed(hash, chunk);
    return hash;
}

std::string hash_hex(uint64_t hash) { return fmt::format("{:016x}", hash); }

SessionKeys session_keys(const translate::Request& request, std::string_view tenant) {
    const translate::Message* user = first_user_message(request);
    if (user == nullptr) return {};
    const std::string system_text = joined_text(request.system);
    const std::string tool_names = joined_tool_names(request.tools);
    const std::string user_text = joined_text(user->parts);
    const std::array<std::string_view, 3> prefix{tenant, system_text, tool_names};
    const std::array<std::string_view, 4> session{tenant, system_text, tool_names, user_text};
    return {
        .prefix_hash = affinity_hash(prefix),
        .implicit_session = std::string(kImplicitPrefix) + hash_hex(affinity_hash(session)),
    };
}

}  // namespace gw::routing
