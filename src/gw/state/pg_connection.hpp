#pragma once
// A thin owning wrapper over libpq's blocking API with errors as values. Internal to gw_state;
// libpq-fe.h stays out of this header. Blocking: use only on the Postgres store's own thread, or
// at startup — never on a worker.

#include "gw/base/result.hpp"

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

struct pg_conn;
struct pg_result;

namespace gw::state::pg {

// The outcome of one successful statement; text-format columns.
class QueryResult {
  public:
    explicit QueryResult(pg_result* result) : result_(result) {}
    QueryResult(QueryResult&& other) noexcept;
    QueryResult& operator=(QueryResult&& other) noexcept;
    QueryResult(const QueryResult&) = delete;
    QueryResult& operator=(const QueryResult&) = delete;
    ~QueryResult();

    [[nodiscard]] int rows() const;
    // Valid while this result lives.
    [[nodiscard]] std::string_view text(int row, int column) const;
    // Rows an INSERT, UPDATE or DELETE touched.
    [[nodiscard]] std::int64_t affected_rows() const;

  private:
    pg_result* result_ = nullptr;
};

class Connection {
  public:
    Connection() = default;
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Connects with `connection_string` (key=value or postgresql:// URI; its own settings win
    // over our defaults). `timeout` bounds the connect, every statement (statement_timeout) and
    // unacknowledged sends to a dead peer. Error messages never contain the password.
    [[nodiscard]] static Result<Connection> open(const std::string& connection_string,
                                                 std::chrono::milliseconds timeout);

    // One statement. Every parameter ($1, $2, ...) is sent as text: cast it in SQL ($2::jsonb).
    [[nodiscard]] Result<QueryResult> exec(const char* sql,
                                           std::span<const std::string_view> params = {});
    // True when never opened or when the server went away; only a new connection helps then.
    [[nodiscard]] bool broken() const;

  private:
    explicit Connection(pg_conn* conn) : conn_(conn) {}
    pg_conn* conn_ = nullptr;
};

}  // namespace gw::state::pg
