#pragma once
// Providers the gateway itself needs, appended after the user's (cli.md §2.3 step 10).

#include "gw/config/document.hpp"

#include <vector>

namespace gw::config::detail {

// arch-function always (unless the user named a provider so); plano-orchestrator when routing
// preferences exist and no provider serves the router model. The reference's
// `plano/orchestrator` (agent orchestration) is left to the agent listener work.
std::vector<ModelProvider> internal_providers(const Document& doc);

}  // namespace gw::config::detail
