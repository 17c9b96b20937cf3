#pragma once
// The request headers sent to a provider (dataplane.md §2.7, with one deliberate difference: the
// client's own credentials are never forwarded to a provider configured without a key).

#include "gw/base/headers.hpp"
#include "gw/base/result.hpp"
#include "gw/config/model.hpp"
#include "gw/llm/api.hpp"

namespace gw::providers {

// The client's headers minus Host, Content-Length and hop-by-hop fields (including those named
// in its Connection header), with Accept-Encoding: identity so streams never need inflating.
Headers forwardable_headers(const Headers* client_headers);

// Sets the provider's credential in the style of `upstream_api`, then the provider's `headers`.
// Fails (InvalidArgument) when the provider needs an access_key and has none.
Result<void> apply_provider_auth(const config::ModelProvider& provider, llm::ApiFormat upstream_api,
                                 const Headers* client_headers, Headers& headers);

}  // namespace gw::providers
