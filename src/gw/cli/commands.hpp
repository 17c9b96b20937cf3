#pragma once
// The planoai subcommands. Each returns the process exit code: 0 ok, 1 runtime error, 2 usage.

#include <optional>
#include <string>

namespace gw::cli {

int run_validate(const std::string& file);

struct UpOptions {
    std::optional<std::string> file;
    std::optional<std::string> dir;
    bool foreground = false;
};

int run_up(const UpOptions& options);

}  // namespace gw::cli
