#include "gw/app/gateway.hpp"
#include "gw/base/log.hpp"
#include "gw/cli/command_set.hpp"
#include "gw/cli/commands.hpp"
#include "gw/cli/config_lookup.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <signal.h>

namespace gw::cli {
namespace {

// Signals are taken synchronously by the main thread; blocking them first means every worker
// thread inherits the mask and none of them is interrupted.
sigset_t block_shutdown_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    return set;
}

std::optional<config::Config> load_or_report(const ConfigSource& source) {
    config::LoadResult result = load_source(source);
    for (const auto& warning : result.warnings) log::warn("{}", warning);
    if (!result.errors.empty()) {
        for (const auto& error : result.errors) fmt::print(stderr, "{}\n", error.to_string());
        fmt::print(stderr, "✗ Validation failed: {} error{}; nothing was started.\n",
                   result.errors.size(), result.errors.size() == 1 ? "" : "s");
        return std::nullopt;
    }
    return std::move(result.config);
}

}  // namespace

int run_up(const UpOptions& options) {
    if (const char* level = std::getenv("LOG_LEVEL")) log::set_level(log::parse_level(level));
    if (!options.foreground) {
        fmt::print(stderr,
                   "planoai up: background mode is not available in this build yet; "
                   "run `planoai up --foreground` (e.g. under your process supervisor).\n");
        return 2;
    }
    auto source = find_config(options.file, options.dir);
    if (!source) {
        fmt::print(stderr, "error: {}\n", source.error().message);
        return 1;
    }
    if (!source->path) log::info("no plano config found; using pass-through defaults");
    auto config = load_or_report(*source);
    if (!config) return 1;
    auto shared = std::make_shared<const config::Config>(std::move(*config));

    sigset_t signals = block_shutdown_signals();
    auto gateway = app::Gateway::create(shared);
    if (!gateway) {
        fmt::print(stderr, "error: {}\n", gateway.error().message);
        return 1;
    }
    auto port = (*gateway)->start();
    if (!port) {
        fmt::print(stderr, "error: {}\n", port.error().message);
        return 1;
    }
    const config::Listener* listener = shared->model_listener();
    auto user_providers =
        std::count_if(shared->model_providers.begin(), shared->model_providers.end(),
                      [](const config::ModelProvider& p) { return !p.internal; });
    log::info("planoai listening on http://{}:{} (model listener '{}', {} providers)",
              listener->address, *port, listener->name, user_providers);

    int received = 0;
    sigwait(&signals, &received);
    log::info("received {}, draining (up to {} ms)", received == SIGINT ? "SIGINT" : "SIGTERM",
              shared->overrides.drain_timeout.count());
    bool drained = (*gateway)->shutdown(shared->overrides.drain_timeout);
    log::info("stopped{}", drained ? "" : " (some connections were cut at the drain deadline)");
    return 0;
}

void add_up_command(CLI::App& app, CommandSet& commands) {
    auto options = std::make_shared<UpOptions>();
    auto* up = app.add_subcommand("up", "Serve every listener of a config");
    up->add_option("FILE", options->file, "Plano config YAML");
    up->add_option("--path", options->dir, "Directory holding config.yaml");
    up->add_flag("--foreground", options->foreground, "Stay attached and log to stderr");
    commands.add(up, [options] { return run_up(*options); });
}

}  // namespace gw::cli
