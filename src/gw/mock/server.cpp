#include "gw/mock/server.hpp"

#include "gw/base/log.hpp"
#include "gw/mock/provider_state.hpp"
#include "gw/mock/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <stdexcept>
#include <thread>
#include <vector>

namespace gw::mock {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr auto use_nothrow = asio::as_tuple(asio::use_awaitable);

// Accepts on the acceptor's context and spawns each session on the next context in turn, so the
// session (socket, timers) lives on exactly one thread.
asio::awaitable<void> accept_loop(tcp::acceptor* acceptor, std::vector<asio::io_context*> contexts,
                                  ProviderState* state, size_t body_limit) {
    for (size_t next = 0;; ++next) {
        asio::io_context& target = *contexts[next % contexts.size()];
        auto [ec, socket] = co_await acceptor->async_accept(target, use_nothrow);
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
        if (ec) {
            // Out of descriptors or similar: back off instead of spinning on the error.
            log::warn("plano-mock: accept failed: {}", ec.message());
            asio::steady_timer pause(acceptor->get_executor(), std::chrono::milliseconds(10));
            auto [pec] = co_await pause.async_wait(use_nothrow);
            (void)pec;
            continue;
        }
        boost::system::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        asio::co_spawn(target, serve_connection(std::move(socket), state, body_limit),
                       asio::detached);
    }
}

}  // namespace

struct Server::Impl {
    using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<WorkGuard> guards;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::vector<std::thread> threads;
    uint16_t port = 0;

    ~Impl() {
        acceptor.reset();
        // Context 0 holds the pending accept, which refers to the other contexts: destroy it first.
        contexts.clear();
    }
};

Server::Server(const MockOptions& options, ProviderState& state) : impl_(std::make_unique<Impl>()) {
    const size_t threads = options.threads == 0 ? 1 : options.threads;
    std::vector<asio::io_context*> raw;
    for (size_t i = 0; i < threads; ++i) {
        // Concurrency hint 1: each context is run by exactly one thread, so Asio can skip locking.
        impl_->contexts.push_back(std::make_unique<asio::io_context>(1));
        impl_->guards.push_back(asio::make_work_guard(*impl_->contexts.back()));
        raw.push_back(impl_->contexts.back().get());
    }
    try {
        const tcp::endpoint endpoint(asio::ip::make_address(options.host), options.port);
        impl_->acceptor = std::make_unique<tcp::acceptor>(*raw.front(), endpoint, true);
        impl_->acceptor->listen(asio::socket_base::max_listen_connections);
    } catch (const std::exception& e) {
        throw std::runtime_error("plano-mock: cannot listen on " + options.host + ":" +
                                 std::to_string(options.port) + ": " + e.what());
    }
    impl_->port = impl_->acceptor->local_endpoint().port();
    asio::co_spawn(*raw.front(),
                   accept_loop(impl_->acceptor.get(), raw, &state, options.body_limit),
                   asio::detached);
    for (auto* context : raw) {
        impl_->threads.emplace_back([context] { context->run(); });
    }
}

Server::~Server() { stop(); }

uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
    if (impl_->threads.empty()) return;
    for (auto& guard : impl_->guards) guard.reset();
    for (auto& context : impl_->contexts) context->stop();
    for (auto& thread : impl_->threads) thread.join();
    impl_->threads.clear();
}

}  // namespace gw::mock
