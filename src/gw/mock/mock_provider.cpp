#include "gw/mock/mock_provider.hpp"

#include "gw/mock/provider_state.hpp"
#include "gw/mock/server.hpp"

namespace gw::mock {

MockProvider::MockProvider(const MockOptions& options)
    : state_(std::make_unique<ProviderState>(options.record_limit)),
      server_(std::make_unique<Server>(options, *state_)),
      host_(options.host) {}

// Declared here, where ProviderState and Server are complete.
MockProvider::~MockProvider() { stop(); }

std::unique_ptr<MockProvider> MockProvider::start(const MockOptions& options) {
    return std::unique_ptr<MockProvider>(new MockProvider(options));
}

uint16_t MockProvider::port() const { return server_->port(); }

std::string MockProvider::base_url() const {
    return "http://" + host_ + ":" + std::to_string(port()) + "/v1";
}

MockStats MockProvider::stats() const { return state_->stats(); }

std::vector<RecordedRequest> MockProvider::requests() const { return state_->requests(); }

void MockProvider::fail_next(size_t count, unsigned status) { state_->fail_next(count, status); }

bool MockProvider::wait_for(const std::function<bool(const MockStats&)>& done,
                            std::chrono::milliseconds timeout) const {
    return state_->wait_for(done, timeout);
}

void MockProvider::stop() { server_->stop(); }

}  // namespace gw::mock
