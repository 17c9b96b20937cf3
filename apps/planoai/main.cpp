// planoai: the single binary. Builds the command line from gw::cli's commands and runs the chosen
// one.

#include "gw/cli/command_set.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"planoai: an AI-native proxy and data plane for LLM applications"};
    app.require_subcommand(1);

    gw::cli::CommandSet commands;
    gw::cli::add_validate_command(app, commands);
    gw::cli::add_up_command(app, commands);
    gw::cli::add_down_command(app, commands);
    gw::cli::add_logs_command(app, commands);
    gw::cli::add_init_command(app, commands);
    CLI::App* trace = gw::cli::add_trace_command(app, commands);
    gw::cli::add_collector_commands(*trace, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return commands.run_chosen();
}
