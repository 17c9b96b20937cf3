#pragma once
// A small built-in catalogue of current models per provider, used to expand `provider/*`
// wildcards in GET /v1/models (dataplane.md §2.1). Deliberately short: any other model id still
// works at request time through wildcard pass-through.

#include "gw/providers/provider_id.hpp"

#include <span>
#include <string_view>

namespace gw::providers {

// Model ids (without the provider prefix); empty for providers without a catalogue (groq,
// together_ai, custom providers). azure_openai shares OpenAI's list, as in the reference.
std::span<const std::string_view> catalogued_models(ProviderId id);

}  // namespace gw::providers
