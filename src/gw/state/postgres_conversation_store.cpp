#include "gw/state/postgres_conversation_store.hpp"

#include "gw/base/log.hpp"
#include "gw/state/pg_connection.hpp"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <variant>

namespace gw::state {
namespace {

namespace asio = boost::asio;

using SteadyClock = std::chrono::steady_clock;
using LoadResult = Result<std::optional<StoredConversation>>;
using LoadHandler = asio::any_completion_handler<void(LoadResult)>;

// While the server is down, jobs fail fast instead of each waiting for a connect timeout.
constexpr std::chrono::seconds kReconnectBackoff{1};

constexpr const char* kTableExists = "SELECT to_regclass('conversation_states') IS NOT NULL";
// The reference's schema (its docs' db_setup/conversation_states.sql), so that a table set up for
// the reference keeps working. One statement each: the extended protocol takes no scripts.
constexpr std::array<const char*, 3> kCreateSchema = {
    "CREATE TABLE IF NOT EXISTS conversation_states ("
    " response_id TEXT PRIMARY KEY, input_items JSONB NOT NULL, created_at BIGINT NOT NULL,"
    " model TEXT NOT NULL, provider TEXT NOT NULL,"
    " updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
    "CREATE INDEX IF NOT EXISTS idx_conversation_states_created_at"
    " ON conversation_states (created_at)",
    "CREATE INDEX IF NOT EXISTS idx_conversation_states_provider"
    " ON conversation_states (provider)"};
constexpr const char* kSelect =
    "SELECT input_items::text, created_at, model, provider FROM conversation_states"
    " WHERE response_id = $1 AND created_at >= $2::bigint";
constexpr const char* kUpsert =
    "INSERT INTO conversation_states (response_id, input_items, created_at, model, provider)"
    " VALUES ($1, $2::jsonb, $3::bigint, $4, $5) ON CONFLICT (response_id) DO UPDATE SET"
    " input_items = EXCLUDED.input_items, model = EXCLUDED.model,"
    " provider = EXCLUDED.provider, updated_at = NOW()";
constexpr const char* kPurge = "DELETE FROM conversation_states WHERE created_at < $1::bigint";

struct LoadJob {
    std::string response_id;
    SteadyClock::time_point deadline;
    LoadHandler handler;
    // The awaiting coroutine's executor, tracked: its io_context keeps running until the answer
    // is delivered.
    asio::any_io_executor caller;
};

struct SaveJob {
    std::string response_id;
    StoredConversation conversation;
};

using Job = std::variant<LoadJob, SaveJob>;

// Many producers (the workers), one consumer (the store thread).
class JobQueue {
  public:
    explicit JobQueue(std::size_t capacity) : capacity_(capacity) {}

    // Takes `job` only when there is room; otherwise leaves it untouched.
    [[nodiscard]] bool try_push(Job& job) {
        {
            std::lock_guard lock(mutex_);
            if (closed_ || jobs_.size() >= capacity_) return false;
            jobs_.push_back(std::move(job));
        }
        ready_.notify_one();
        return true;
    }

    // Blocks until a job is queued; nullopt once closed and drained.
    [[nodiscard]] std::optional<Job> pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return closed_ || !jobs_.empty(); });
        if (jobs_.empty()) return std::nullopt;
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        return job;
    }

    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_all();
    }

  private:
    const std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;  // guarded by mutex_
    bool closed_ = false;   // guarded by mutex_
};

std::string epoch_seconds(WallClock::time_point at) {
    return std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
}

WallClock::time_point from_epoch_seconds(std::string_view text) {
    std::int64_t seconds = 0;
    std::from_chars(text.data(), text.data() + text.size(), seconds);
    return WallClock::time_point(std::chrono::seconds(seconds));
}

StoredConversation read_row(const pg::QueryResult& rows) {
    return StoredConversation{std::string(rows.text(0, 0)), from_epoch_seconds(rows.text(0, 1)),
                              std::string(rows.text(0, 2)), std::string(rows.text(0, 3))};
}

Result<void> ensure_table(pg::Connection& connection) {
    auto exists = connection.exec(kTableExists);
    if (!exists) return exists.error();
    if (exists->rows() == 1 && exists->text(0, 0) == "t") return {};
    for (const char* statement : kCreateSchema) {
        if (auto created = connection.exec(statement); !created) {
            return Error::io("cannot create table conversation_states: " + created.error().message);
        }
    }
    return {};
}

Result<void> upsert(pg::Connection& connection, const SaveJob& job) {
    const StoredConversation& conversation = job.conversation;
    const std::string created_at = epoch_seconds(conversation.created_at);
    const std::array<std::string_view, 5> params = {job.response_id, conversation.items_json,
                                                    created_at, conversation.model,
                                                    conversation.provider};
    if (auto done = connection.exec(kUpsert, params); !done) return done.error();
    return {};
}

// Runs the awaiting coroutine on its own executor; never inline on the store thread.
void deliver(LoadJob& job, LoadResult result) {
    asio::post(job.caller,
               [handler = std::move(job.handler), result = std::move(result)]() mutable {
                   std::move(handler)(std::move(result));
               });
}

}  // namespace

namespace detail {

// Everything but the queue is touched only by the store thread (and by connect() before it
// starts).
class PostgresStoreThread {
  public:
    explicit PostgresStoreThread(PostgresStoreOptions options)
        : options_(std::move(options)), queue_(options_.max_queued_jobs) {}

    ~PostgresStoreThread() {
        queue_.close();
        if (thread_.joinable()) thread_.join();
    }
    PostgresStoreThread(const PostgresStoreThread&) = delete;
    PostgresStoreThread& operator=(const PostgresStoreThread&) = delete;

    // Opens a fresh connection and makes sure the table exists.
    [[nodiscard]] Result<void> reconnect() {
        auto opened = pg::Connection::open(options_.connection_string, options_.timeout);
        if (!opened) return opened.error();
        if (auto table = ensure_table(*opened); !table) return table.error();
        connection_ = std::move(*opened);
        return {};
    }

    void start() {
        thread_ = std::thread([this] { run(); });
    }

    void enqueue_load(LoadHandler handler, asio::any_io_executor caller, std::string response_id) {
        Job job = LoadJob{std::move(response_id), SteadyClock::now() + options_.timeout,
                          std::move(handler), std::move(caller)};
        if (queue_.try_push(job)) return;
        ++load_failures_;
        deliver(std::get<LoadJob>(job), Error::limit("conversation store: too many queued jobs"));
    }

    void enqueue_save(SaveJob save) {
        Job job = std::move(save);
        if (queue_.try_push(job)) {
            dropping_.store(false, std::memory_order_relaxed);
            return;
        }
        ++save_failures_;
        if (!dropping_.exchange(true, std::memory_order_relaxed)) {
            log::warn("conversation store: queue full, dropping conversation saves");
        }
    }

    [[nodiscard]] StoreStats stats() const {
        return {saved_.load(), evicted_.load(), save_failures_.load(), load_failures_.load()};
    }

  private:
    void run() {
        while (std::optional<Job> job = queue_.pop()) {
            std::visit([this](auto& pending) { handle(pending); }, *job);
        }
    }

    void handle(LoadJob& job) {
        LoadResult result =
            SteadyClock::now() > job.deadline
                ? LoadResult(Error::timeout("conversation store: the load waited too long"))
                : with_connection([&](pg::Connection& c) { return select(c, job.response_id); });
        if (result) {
            note_success();
        } else {
            ++load_failures_;
            note_failure("load", result.error());
        }
        deliver(job, std::move(result));
    }

    void handle(SaveJob& job) {
        auto saved = with_connection([&](pg::Connection& c) { return upsert(c, job); });
        if (!saved) {
            ++save_failures_;
            note_failure("save", saved.error());
            return;
        }
        ++saved_;
        note_success();
        purge_if_due();
    }

    [[nodiscard]] LoadResult select(pg::Connection& connection, const std::string& response_id) {
        const std::string cutoff = epoch_seconds(options_.now() - options_.ttl);
        const std::array<std::string_view, 2> params = {response_id, cutoff};
        auto rows = connection.exec(kSelect, params);
        if (!rows) return rows.error();
        if (rows->rows() == 0) return std::optional<StoredConversation>();
        return std::optional<StoredConversation>(read_row(*rows));
    }

    void purge_if_due() {
        const auto now = SteadyClock::now();
        if (now < next_purge_) return;
        next_purge_ = now + options_.purge_interval;
        const std::string cutoff = epoch_seconds(options_.now() - options_.ttl);
        const std::array<std::string_view, 1> params = {cutoff};
        auto purged = with_connection([&](pg::Connection& c) { return c.exec(kPurge, params); });
        if (purged) {
            evicted_ += static_cast<std::uint64_t>(purged->affected_rows());
        } else {
            note_failure("purge", purged.error());
        }
    }

    // Runs `query` on an open connection. A connection the server dropped (restart, failover,
    // idle timeout) is only noticed when used, so that case is retried once on a fresh one.
    template <class Query>
    auto with_connection(const Query& query)
        -> std::invoke_result_t<const Query&, pg::Connection&> {
        if (connection_.broken()) {
            if (auto opened = reopen(); !opened) return opened.error();
        }
        auto result = query(connection_);
        if (result || !connection_.broken()) return result;
        if (auto opened = reopen(); !opened) return opened.error();
        return query(connection_);
    }

    [[nodiscard]] Result<void> reopen() {
        const auto now = SteadyClock::now();
        if (now < next_connect_attempt_) return Error::io(last_connect_error_);
        auto opened = reconnect();
        if (!opened) {
            next_connect_attempt_ = now + kReconnectBackoff;
            last_connect_error_ = opened.error().message;
        }
        return opened;
    }

    // Logs the first failure of a streak and the recovery, not every failed job.
    void note_failure(std::string_view what, const Error& error) {
        if (!failing_) log::warn("conversation store: {} failed: {}", what, error.message);
        failing_ = true;
    }

    void note_success() {
        if (failing_) log::info("conversation store: PostgreSQL answers again");
        failing_ = false;
    }

    const PostgresStoreOptions options_;
    JobQueue queue_;
    pg::Connection connection_;
    SteadyClock::time_point next_connect_attempt_{};
    std::string last_connect_error_;
    SteadyClock::time_point next_purge_{};
    bool failing_ = false;
    std::atomic<bool> dropping_{false};  // saves are being refused; set by workers
    std::atomic<std::uint64_t> saved_{0};
    std::atomic<std::uint64_t> evicted_{0};
    std::atomic<std::uint64_t> save_failures_{0};
    std::atomic<std::uint64_t> load_failures_{0};
    std::thread thread_;  // last: joined before the members it uses are destroyed
};

}  // namespace detail

namespace {

// Hands the awaiting coroutine's completion handler to the store thread.
struct LoadInitiation {
    detail::PostgresStoreThread* thread;

    template <class Handler>
    void operator()(Handler&& handler, std::string response_id) const {
        asio::any_io_executor caller = asio::prefer(asio::get_associated_executor(handler),
                                                    asio::execution::outstanding_work.tracked);
        thread->enqueue_load(LoadHandler(std::forward<Handler>(handler)), std::move(caller),
                             std::move(response_id));
    }
};

}  // namespace

Result<std::unique_ptr<PostgresConversationStore>> PostgresConversationStore::connect(
    PostgresStoreOptions options) {
    auto thread = std::make_unique<detail::PostgresStoreThread>(std::move(options));
    if (auto ready = thread->reconnect(); !ready) return ready.error();
    thread->start();
    return std::unique_ptr<PostgresConversationStore>(
        new PostgresConversationStore(std::move(thread)));
}

PostgresConversationStore::PostgresConversationStore(
    std::unique_ptr<detail::PostgresStoreThread> thread)
    : thread_(std::move(thread)) {}

PostgresConversationStore::~PostgresConversationStore() = default;

boost::asio::awaitable<LoadResult> PostgresConversationStore::load(std::string response_id) {
    co_return co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(LoadResult)>(
        LoadInitiation{thread_.get()}, asio::use_awaitable, std::move(response_id));
}

void PostgresConversationStore::save(std::string response_id, StoredConversation conversation) {
    thread_->enqueue_save(SaveJob{std::move(response_id), std::move(conversation)});
}

StoreStats PostgresConversationStore::stats() const { return thread_->stats(); }

}  // namespace gw::state
