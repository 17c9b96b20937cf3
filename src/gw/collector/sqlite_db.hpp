#pragma once
// A thin owning wrapper over the SQLite C API with errors as values. Internal to the collector;
// sqlite3.h stays out of this header.

#include "gw/base/result.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gw::collector::sqlite {

// A prepared statement. Bound text is not copied: it must stay alive until reset().
class Statement {
  public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameter indexes are 1-based, as in SQL's ?NNN.
    void bind(int index, std::int64_t value);
    void bind(int index, std::string_view text);
    void bind_null(int index);
    // True when a row is ready; false when the statement finished.
    [[nodiscard]] Result<bool> step();
    // Runs to completion, ignoring rows, then resets.
    [[nodiscard]] Result<void> run();
    void reset();

    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::int64_t int64(int column) const;
    // Valid until the next step() or reset().
    [[nodiscard]] std::string_view text(int column) const;

  private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

// One connection. Like sqlite3 itself in multi-thread mode: use from one thread at a time.
class Database {
  public:
    Database() = default;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Opens (creating if needed) a read-write database file. Every lock wait lasts at most
    // `busy_timeout` before the call fails with Error::Kind::Timeout.
    [[nodiscard]] static Result<Database> open(const std::string& path,
                                               std::chrono::milliseconds busy_timeout);

    [[nodiscard]] Result<void> exec(const char* sql);
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);
    // Rows changed by the last INSERT, UPDATE or DELETE (not counting foreign key cascades).
    [[nodiscard]] std::int64_t changes() const;

  private:
    explicit Database(sqlite3* db) : db_(db) {}
    sqlite3* db_ = nullptr;
};

// Maps an SQLite result code and the connection's message to an Error.
[[nodiscard]] Error error_from(sqlite3* db, int code, std::string_view doing);

}  // namespace gw::collector::sqlite
