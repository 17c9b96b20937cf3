#pragma once
// The planoai subcommands. Each returns the process exit code: 0 ok, 1 runtime error, 2 usage.

#include <cstdint>
#include <optional>
#include <string>

namespace gw::cli {

int run_validate(const std::string& file);

struct UpOptions {
    std::optional<std::string> file;
    std::optional<std::string> dir;
    bool foreground = false;
    bool with_tracing = false;
    std::uint16_t tracing_port = 4317;
    std::uint16_t listener_port = 12000;  // of the zero-config defaults only
};

int run_up(const UpOptions& options);

}  // namespace gw::cli
