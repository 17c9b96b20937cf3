#pragma once
// Runs a coroutine to completion on the test's io_context, handling everything else queued there
// meanwhile (the fake server, the client's connection), as a worker would.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <future>
#include <vector>

namespace gw::testing {

template <class T>
void run_until_ready(boost::asio::io_context& io, const std::future<T>& result) {
    while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        // A context that ran out of work stops, and runs nothing more until restarted.
        if (io.stopped()) io.restart();
        io.run_one();
    }
}

template <class T>
std::future<T> spawn(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
    return boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
}

template <class T>
T run_task(boost::asio::io_context& io, boost::asio::awaitable<T> task) {
    std::future<T> result = spawn(io, std::move(task));
    run_until_ready(io, result);
    return result.get();
}

}  // namespace gw::testing
