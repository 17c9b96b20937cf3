#pragma once
// Builds the exporter that `settings.protocol` names (not yet started).

#include "gw/base/result.hpp"
#include "gw/exporter/exporter.hpp"
#include "gw/exporter/exporter_config.hpp"

#include <memory>

namespace gw::exporter {

// InvalidArgument when the endpoint is not an http(s) URL with a host.
[[nodiscard]] Result<std::unique_ptr<Exporter>> make_exporter(const ExporterSettings& settings);

}  // namespace gw::exporter
