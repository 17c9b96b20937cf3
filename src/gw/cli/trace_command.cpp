#include "gw/cli/trace_command.hpp"

#include "gw/cli/command_set.hpp"
#include "gw/cli/trace_query.hpp"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace gw::cli {

void add_trace_options(CLI::App& trace, TraceArgs& args) {
    trace.add_option("TARGET", args.target,
                     "last (default), any, an 8-hex short trace id or a 32-hex trace id");
    trace.add_option("--where", args.where, "Only traces with a span attribute KEY=VALUE (AND)")
        ->type_name("KEY=VALUE");
    trace
        .add_option("--filter", args.filter,
                    "Show only attributes whose key matches (globs, comma lists allowed)")
        ->type_name("PATTERN");
    trace.add_option("--since", args.since, "Only spans from the last 90 / 30s / 5m / 2h / 1d")
        ->type_name("WINDOW")
        ->check([](const std::string& value) {
            auto window = parse_since(value);
            return window ? std::string() : window.error().message;
        });
    trace.add_option("--limit", args.limit, "At most N traces (or ids with --list)")
        ->type_name("N");
    trace.add_flag("--list", args.list, "List trace ids instead of drawing a trace");
    trace.add_flag("--json", args.json, "Print JSON (the reference CLI's shape)");
    trace.add_flag("-v,--verbose", args.verbose, "Show every attribute");
    trace.add_flag("--no-interactive", args.no_interactive, "Never ask to pick a trace");
}

CLI::App* add_trace_command(CLI::App& app, CommandSet& commands) {
    auto* trace = app.add_subcommand(
        "trace", "Show traces from the built-in collector's store (works while it is down)");
    auto args = std::make_shared<TraceArgs>();
    add_trace_options(*trace, *args);
    commands.add(trace, [args] {
        const bool terminal = isatty(STDOUT_FILENO) == 1;
        TraceContext context{
            .store_path = default_trace_store_path(),
            .now = telemetry::unix_now(),
            .color = use_color(terminal, std::getenv("NO_COLOR")),
            .interactive = terminal && isatty(STDIN_FILENO) == 1,
            .in = &std::cin,
            .out = &std::cout,
            .err = &std::cerr,
        };
        return run_trace(*args, context);
    });
    return trace;
}

}  // namespace gw::cli
