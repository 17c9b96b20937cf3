#pragma once
// `planoai trace [TARGET] [options]`: reads the collector's SQLite store directly, so it works
// while the collector is down. Everything the command touches outside the store comes in through
// TraceContext, so tests run it against a temporary store, a fixed clock and string streams.

#include "gw/cli/trace_options.hpp"
#include "gw/telemetry/span.hpp"

#include <filesystem>
#include <iosfwd>

namespace gw::cli {

struct TraceContext {
    std::filesystem::path store_path{};  // $PLANO_HOME/traces.db
    telemetry::UnixTime now{};           // --since counts back from here
    bool color = false;
    // stdin and stdout are a terminal: the picker may ask (see wants_picker()).
    bool interactive = false;
    std::istream* in = nullptr;
    std::ostream* out = nullptr;
    std::ostream* err = nullptr;
};

// Returns the exit code: 0 (also for "No traces found." and a missing store, as the reference),
// 1 for invalid options (the reference's messages) and store errors.
[[nodiscard]] int run_trace(const TraceArgs& args, const TraceContext& context);

// plano_home()/traces.db: $PLANO_HOME/traces.db, where PLANO_HOME defaults to ~/.plano.
[[nodiscard]] std::filesystem::path default_trace_store_path();

}  // namespace gw::cli
