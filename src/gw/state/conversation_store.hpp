#pragma once
// Conversation state of /v1/responses for upstreams that do not keep it themselves (agents.md
// §4.1): the input items of every answered response, keyed by its id, so that a later request
// naming that id as `previous_response_id` can be sent with the whole history. Implementations:
// in-process memory (MemoryConversationStore) and PostgreSQL (PostgresConversationStore), both
// shared by every worker.

#include "gw/base/result.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace gw::state {

// Wall-clock time: `created_at` is persisted (as epoch seconds) and compared across processes.
using WallClock = std::chrono::system_clock;
using NowFunction = std::function<WallClock::time_point()>;

struct StoredConversation {
    // JSON array of Responses input items: the history, the request's own input and the
    // response's output turned into input items (history.hpp builds it).
    std::string items_json;
    WallClock::time_point created_at{};
    std::string model;     // the alias-resolved model the client asked for
    std::string provider;  // the routed "provider/model"
};

// Monotonic counters since the store was made, for /metrics.
struct StoreStats {
    std::uint64_t saved = 0;          // conversations written
    std::uint64_t evicted = 0;        // removed by TTL or by the size bound
    std::uint64_t save_failures = 0;  // dropped (queue full) or refused by the backend
    std::uint64_t load_failures = 0;  // loads that returned an error
};

// Thread-safe: every worker uses the same store.
class ConversationStore {
  public:
    virtual ~ConversationStore() = default;

    // The conversation saved under `response_id`; nullopt when it is unknown or older than the
    // TTL. An error means the backend could not answer (the caller goes on without history).
    // Call from a coroutine; it resumes on the caller's executor and never blocks its thread.
    virtual boost::asio::awaitable<Result<std::optional<StoredConversation>>> load(
        std::string response_id) = 0;

    // Fire-and-forget: never blocks and never fails the caller; a failure only counts in
    // save_failures (and is logged). Saves and loads take effect in call order: a load after a
    // successful save of the same id finds it.
    virtual void save(std::string response_id, StoredConversation conversation) = 0;

    [[nodiscard]] virtual StoreStats stats() const = 0;
};

}  // namespace gw::state
