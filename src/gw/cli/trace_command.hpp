#pragma once
// The CLI11 side of `planoai trace`: which options exist and where their values go. Separate from
// add_trace_command() (command_set.hpp) so tests can parse a command line into TraceArgs.

#include "gw/cli/trace_options.hpp"

namespace CLI {
class App;
}

namespace gw::cli {

// Adds TARGET and every option of `planoai trace` to `trace`, writing into `args` (which must
// outlive parsing). A bad --since is a usage error (exit 2); the other checks run later, in
// make_trace_request(), with the reference's messages and exit 1. Words that name a subcommand of
// `trace` (listen, down) select that subcommand instead of filling TARGET.
void add_trace_options(CLI::App& trace, TraceArgs& args);

}  // namespace gw::cli
