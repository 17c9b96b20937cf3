// planoai: the single binary. Parses the command line and hands over to gw::cli.

#include "gw/cli/commands.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"planoai: an AI-native proxy and data plane for LLM applications"};
    app.require_subcommand(1);

    std::string validate_file;
    auto* validate = app.add_subcommand("validate", "Check a config file without serving it");
    validate->add_option("FILE", validate_file, "Plano config YAML")->required();

    gw::cli::UpOptions up_options;
    auto* up = app.add_subcommand("up", "Serve every listener of a config");
    up->add_option("FILE", up_options.file, "Plano config YAML");
    up->add_option("--path", up_options.dir, "Directory holding config.yaml");
    up->add_flag("--foreground", up_options.foreground, "Stay attached and log to stderr");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    if (*validate) return gw::cli::run_validate(validate_file);
    if (*up) return gw::cli::run_up(up_options);
    return 2;
}
