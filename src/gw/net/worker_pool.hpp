#pragma once
// N workers, each one io_context driven by one thread. Everything a request touches lives on the
// worker that accepted it, so the data path needs no locks (stack.md §2.4).

#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

namespace gw::net {

class WorkerPool {
  public:
    // `threads` == 0 means one worker per core.
    explicit WorkerPool(std::size_t threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    [[nodiscard]] std::size_t size() const { return contexts_.size(); }
    boost::asio::io_context& context(std::size_t index) { return *contexts_[index]; }
    // Round-robin pick for spreading new connections.
    std::size_t next_index();

    // Starts one thread per worker; returns immediately.
    void start();
    // Lets run() return once all work is done (after the guards are dropped).
    void release_guards();
    // Stops all contexts now, abandoning pending work.
    void stop();
    void join();

  private:
    using Guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
    std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
    std::vector<Guard> guards_;
    std::vector<std::thread> threads_;
    std::size_t next_ = 0;
};

}  // namespace gw::net
