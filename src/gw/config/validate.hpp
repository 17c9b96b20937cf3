#pragma once
// Semantic checks that relate entries to each other (cli.md §2.3 steps 5-13). Each one reports
// every problem it finds and fills the derived fields of the entries it accepts.

#include "gw/config/diagnostics.hpp"
#include "gw/config/document.hpp"
#include "gw/config/load.hpp"

namespace gw::config::detail {

// Per-provider checks of step 9; fills name, provider, model_id, provider_interface, wildcard.
void validate_providers(Document& doc, Diagnostics& diag);

// Listener names, ports and filter references.
void validate_listeners(const Document& doc, Diagnostics& diag);

// Alias targets and routing-preference models must name configured, non-wildcard models.
void validate_model_references(const Document& doc, Diagnostics& diag);

// routing_budget and the cheapest/fastest selection policies need their metrics source.
void validate_routing_sources(const Document& doc, Diagnostics& diag);

// The OTLP endpoint: from the config, else OTEL_TRACING_GRPC_ENDPOINT, else localhost:4317.
void resolve_tracing_endpoint(Document& doc, const Environment& env, Diagnostics& diag);

}  // namespace gw::config::detail
