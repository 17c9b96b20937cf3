#include "gw/net/worker_pool.hpp"

#include "gw/base/log.hpp"

#include <algorithm>
#include <exception>
#include <sched.h>

namespace gw::net {

namespace {

// Cores this process may run on: honours taskset/cgroup cpusets, unlike hardware_concurrency(),
// so a gateway pinned to one core does not start two loops that fight over it.
std::size_t usable_cores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int count = CPU_COUNT(&set);
        if (count > 0) return static_cast<std::size_t>(count);
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

WorkerPool::WorkerPool(std::size_t threads) {
    if (threads == 0) threads = usable_cores();
    for (std::size_t i = 0; i < threads; ++i) {
        contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
        guards_.emplace_back(contexts_.back()->get_executor());
    }
}

WorkerPool::~WorkerPool() {
    stop();
    join();
}

std::size_t WorkerPool::next_index() {
    std::size_t index = next_;
    next_ = (next_ + 1) % contexts_.size();
    return index;
}

void WorkerPool::start() {
    for (auto& ctx : contexts_) {
        threads_.emplace_back([c = ctx.get()] {
            try {
                c->run();
            } catch (const std::exception& e) {
                // Handlers catch their own errors; reaching here is a bug worth a loud log.
                log::error("worker stopped by an unhandled exception: {}", e.what());
            }
        });
    }
}

void WorkerPool::release_guards() { guards_.clear(); }

void WorkerPool::stop() {
    for (auto& ctx : contexts_) ctx->stop();
}

void WorkerPool::join() {
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
}

}  // namespace gw::net
