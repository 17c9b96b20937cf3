#pragma once
// The PostgreSQL backend of `state_storage: {type: postgres}`: shared by replicas and kept across
// restarts, in the reference's `conversation_states` table (created when missing). Workers never
// wait on the database: one store thread owns the connection and works through a bounded FIFO
// queue of loads and saves; a load's answer is posted back to the awaiting coroutine's executor.
// A lost connection is re-opened on the next job (a broken one is retried once at once, so a
// server restart costs no request); while the server stays down, jobs fail fast between connect
// attempts.

#include "gw/state/conversation_store.hpp"

#include <cstddef>
#include <memory>

namespace gw::state {

namespace detail {
class PostgresStoreThread;
}

struct PostgresStoreOptions {
    std::string connection_string;  // holds the password: never logged
    std::chrono::milliseconds ttl{std::chrono::hours(24 * 7)};
    // Bounds the connect, each statement, and how long a load may wait in the queue.
    std::chrono::milliseconds timeout{std::chrono::seconds(5)};
    std::size_t max_queued_jobs = 1024;  // beyond it loads fail and saves are dropped
    // Rows past the TTL are deleted at most this often (after a save).
    std::chrono::milliseconds purge_interval{std::chrono::minutes(1)};
    NowFunction now = WallClock::now;
};

class PostgresConversationStore final : public ConversationStore {
  public:
    // Connects, creates the table when missing, then starts the store thread. Blocks for up to
    // about `timeout`: call at startup, never on a worker.
    [[nodiscard]] static Result<std::unique_ptr<PostgresConversationStore>> connect(
        PostgresStoreOptions options);
    // Finishes every queued job (saves are written, not lost), then joins the store thread.
    ~PostgresConversationStore() override;
    PostgresConversationStore(const PostgresConversationStore&) = delete;
    PostgresConversationStore& operator=(const PostgresConversationStore&) = delete;

    boost::asio::awaitable<Result<std::optional<StoredConversation>>> load(
        std::string response_id) override;
    void save(std::string response_id, StoredConversation conversation) override;
    [[nodiscard]] StoreStats stats() const override;

  private:
    explicit PostgresConversationStore(std::unique_ptr<detail::PostgresStoreThread> thread);
    std::unique_ptr<detail::PostgresStoreThread> thread_;
};

}  // namespace gw::state
