#include "gateway_fixture.hpp"

#include "gw/base/log.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace gw::testing {

std::unique_ptr<RunningGateway> RunningGateway::start(
    const std::string& yaml, const config::Environment& env,
    const std::function<void(config::Config&)>& adjust, app::GatewayOptions options) {
    if (const char* level = std::getenv("GW_TEST_LOG")) log::set_level(log::parse_level(level));
    config::LoadResult loaded = config::load_config_text(yaml, "test.yaml", env);
    for (const auto& error : loaded.errors) ADD_FAILURE() << error.to_string();
    if (!loaded.config) return nullptr;
    config::Config cfg = std::move(*loaded.config);
    for (auto& listener : cfg.listeners) {
        listener.address = "127.0.0.1";
        listener.port = 0;
    }
    if (cfg.overrides.worker_threads == 0) cfg.overrides.worker_threads = 2;
    if (adjust) adjust(cfg);
    auto created =
        app::Gateway::create(std::make_shared<const config::Config>(std::move(cfg)), options);
    if (!created) {
        ADD_FAILURE() << created.error().message;
        return nullptr;
    }
    auto running = std::unique_ptr<RunningGateway>(new RunningGateway());
    running->gateway_ = std::move(*created);
    auto port = running->gateway_->start();
    if (!port) {
        ADD_FAILURE() << port.error().message;
        return nullptr;
    }
    running->port_ = *port;
    return running;
}

RunningGateway::~RunningGateway() { shutdown(std::chrono::seconds(5)); }

bool RunningGateway::shutdown(std::chrono::milliseconds drain_timeout) {
    if (stopped_) return true;
    stopped_ = true;
    return gateway_->shutdown(drain_timeout);
}

std::string single_provider_yaml(const std::string& base_url, const std::string& extra) {
    return fmt::format(R"(version: v0.4.0
listeners:
  - name: llm
    type: model
    port: 12000
model_providers:
  - model: openai/gpt-4o-mini
    access_key: test-key
    base_url: {}
    default: true
{})",
                       base_url, extra);
}

}  // namespace gw::testing
