#pragma once
// Session keys derived from the stable head of a prompt (dataplane.md §4.5, agents.md §6.2). The
// bytes and the hash are the reference's exactly, so a Redis shared with it finds the same
// bindings. Only salted hashes leave this file, never prompt text.

#include "gw/translate/ir.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gw::routing {

// FNV-1a 64 over the salt "plano-affinity-v1" and then each chunk in order; a separator step
// (xor 0x1f, multiply by the prime) after the salt and after every chunk, so ("ab","c") and
// ("a","bc") differ.
[[nodiscard]] uint64_t affinity_hash(std::span<const std::string_view> chunks);

// 16 lowercase hex digits, zero-padded: the form of implicit keys and of x-plano-prefix-hash.
[[nodiscard]] std::string hash_hex(uint64_t hash);

struct SessionKeys {
    // hash(tenant, system text, tool names): changes when the provider's cached prefix does.
    std::optional<uint64_t> prefix_hash;
    // "implicit:" + hash_hex(hash(tenant, system text, tool names, first user message)): constant
    // for the life of a conversation, since history grows at the tail.
    std::optional<std::string> implicit_session;
};

// Both keys of a request, or neither when it has no user message to anchor on. `tenant` is the
// tenant header's value, empty when there is none. System text is the text of the system parts
// joined by "\n", tool names are joined by ",", and the first user message is the text parts of
// the first User message joined by "\n".
[[nodiscard]] SessionKeys session_keys(const translate::Request& request, std::string_view tenant);

}  // namespace gw::routing
