#include "gw/cli/command_set.hpp"
#include "gw/cli/commands.hpp"
#include "gw/config/load.hpp"

#include <fmt/core.h>

#include <memory>

namespace gw::cli {

int run_validate(const std::string& file) {
    config::LoadResult result = config::load_config_file(file);
    for (const auto& warning : result.warnings) fmt::print(stderr, "warning: {}\n", warning);
    if (!result.errors.empty()) {
        for (const auto& error : result.errors) fmt::print(stderr, "{}\n", error.to_string());
        fmt::print(stderr, "{}: invalid ({} error{})\n", file, result.errors.size(),
                   result.errors.size() == 1 ? "" : "s");
        return 1;
    }
    fmt::print("{}: valid\n", file);
    return 0;
}

void add_validate_command(CLI::App& app, CommandSet& commands) {
    auto file = std::make_shared<std::string>();
    auto* validate = app.add_subcommand("validate", "Check a config file without serving it");
    validate->add_option("FILE", *file, "Plano config YAML")->required();
    commands.add(validate, [file] { return run_validate(*file); });
}

}  // namespace gw::cli
