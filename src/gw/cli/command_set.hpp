#pragma once
// How planoai's subcommands plug into the command line: each command file adds its CLI11
// subcommand(s) and registers what to run when that subcommand was chosen. main() parses and then
// runs the chosen one. Exit codes: 0 ok, 1 runtime error, 2 usage.

#include <CLI/CLI.hpp>

#include <functional>
#include <utility>
#include <vector>

namespace gw::cli {

class CommandSet {
  public:
    using Run = std::function<int()>;

    void add(CLI::App* subcommand, Run run) { commands_.emplace_back(subcommand, std::move(run)); }

    // Runs the deepest chosen registered subcommand; 2 when none was chosen.
    [[nodiscard]] int run_chosen() const;

  private:
    std::vector<std::pair<CLI::App*, Run>> commands_;
};

// One per command file; see commands.hpp.
void add_validate_command(CLI::App& app, CommandSet& commands);
void add_up_command(CLI::App& app, CommandSet& commands);
void add_down_command(CLI::App& app, CommandSet& commands);
void add_logs_command(CLI::App& app, CommandSet& commands);
void add_init_command(CLI::App& app, CommandSet& commands);
// `planoai trace [TARGET] ...` (query the store); returns the `trace` subcommand so that the
// collector commands can be added under it.
CLI::App* add_trace_command(CLI::App& app, CommandSet& commands);
// `planoai trace listen ...` and `planoai trace down`, added under the `trace` subcommand.
void add_collector_commands(CLI::App& trace, CommandSet& commands);

}  // namespace gw::cli
