// plano-mock: the deterministic fake LLM provider as a process, for the demo and the bench.
// Prints "plano-mock listening on http://HOST:PORT" once it accepts, then serves until SIGINT or
// SIGTERM. Fault headers are documented in gw/mock/fault_script.hpp.

#include "gw/base/log.hpp"
#include "gw/mock/mock_provider.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    gw::mock::MockOptions options;
    bool record = false;
    std::string log_level = "info";
    CLI::App app{"plano-mock: a deterministic fake LLM provider (OpenAI, Anthropic, Responses)"};
    app.add_option("--host", options.host, "address to bind")->capture_default_str();
    app.add_option("--port", options.port, "port to bind; 0 picks a free one")
        ->capture_default_str();
    app.add_option("--threads", options.threads, "worker threads")->capture_default_str();
    app.add_flag("--record", record, "keep the last 1024 requests in memory (tests only)");
    app.add_option("--log-level", log_level, "debug, info, warn, error or off");
    CLI11_PARSE(app, argc, argv);
    gw::log::set_level(gw::log::parse_level(log_level));
    if (!record) options.record_limit = 0;

    // Block the stop signals before any thread starts, so every thread inherits the mask and
    // sigwait below is the only receiver.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    std::unique_ptr<gw::mock::MockProvider> mock;
    try {
        mock = gw::mock::MockProvider::start(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    std::printf("plano-mock listening on http://%s:%u\n", options.host.c_str(),
                static_cast<unsigned>(mock->port()));
    std::fflush(stdout);

    int received = 0;
    sigwait(&stop_signals, &received);
    mock->stop();
    const auto stats = mock->stats();
    gw::log::info("plano-mock: stopped after {} requests on {} connections", stats.requests,
                  stats.connections_accepted);
    return 0;
}
