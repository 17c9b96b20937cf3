#pragma once
// Wires the modules into a running gateway for one validated Config: workers, upstream pools,
// the model listener's HTTP server and its handler. The only place that knows every module.

#include "gw/base/result.hpp"
#include "gw/config/model.hpp"

#include <chrono>
#include <cstdint>
#include <memory>

namespace gw::telemetry {
class SpanSink;
}

namespace gw::app {

struct GatewayOptions {
    // Where finished spans go; null means the exporter the config and environment describe.
    telemetry::SpanSink* span_sink = nullptr;
};

class Gateway {
  public:
    // Fails on a config that cannot be served (no model listener, bad TLS bundle ...).
    static Result<std::unique_ptr<Gateway>> create(std::shared_ptr<const config::Config> config,
                                                   GatewayOptions options = {});
    ~Gateway();
    Gateway(const Gateway&) = delete;
    Gateway& operator=(const Gateway&) = delete;

    // Binds the model listener and starts serving; returns the bound port.
    Result<uint16_t> start();
    // Graceful stop: no new connections, idle ones closed, in-flight requests and streams finish
    // (up to `drain_timeout`), then the workers stop. Returns true if everything drained in time.
    bool shutdown(std::chrono::milliseconds drain_timeout);

    [[nodiscard]] uint16_t port() const;

  private:
    struct Impl;
    explicit Gateway(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::app
