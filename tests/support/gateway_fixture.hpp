#pragma once
// Runs a real Gateway in-process on 127.0.0.1 with an ephemeral port, from Plano YAML text.

#include "gw/app/gateway.hpp"
#include "gw/config/load.hpp"

#include <functional>
#include <memory>
#include <string>

namespace gw::testing {

class RunningGateway {
  public:
    // Fails the current test (and returns nullptr) when the YAML does not load.
    static std::unique_ptr<RunningGateway> start(
        const std::string& yaml, const config::Environment& env = {},
        const std::function<void(config::Config&)>& adjust = {}, app::GatewayOptions options = {});
    ~RunningGateway();

    [[nodiscard]] uint16_t port() const { return port_; }
    app::Gateway& gateway() { return *gateway_; }
    // Graceful shutdown now (the destructor does it otherwise).
    bool shutdown(std::chrono::milliseconds drain_timeout);

  private:
    std::unique_ptr<app::Gateway> gateway_;
    uint16_t port_ = 0;
    bool stopped_ = false;
};

// A minimal valid config with one OpenAI-compatible provider at `base_url`.
std::string single_provider_yaml(const std::string& base_url, const std::string& extra = {});

}  // namespace gw::testing
