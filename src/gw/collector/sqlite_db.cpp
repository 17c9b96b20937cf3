#include "gw/collector/sqlite_db.hpp"

#include <climits>

#include <sqlite3.h>
#include <utility>

namespace gw::collector::sqlite {

Error error_from(sqlite3* db, int code, std::string_view doing) {
    std::string message =
        std::string(doing) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
    const int primary = code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error::timeout(message);
    if (primary == SQLITE_CONSTRAINT) return Error::invalid(message);
    return Error::io(message);
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = std::exchange(other.db_, nullptr);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::bind(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }

void Statement::bind(int index, std::string_view text) {
    // SQLite takes an int length; our texts (ids, names, attribute JSON) are far below 2 GiB.
    const int size =
        text.size() > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(text.size());
    sqlite3_bind_text(stmt_, index, text.data(), size, SQLITE_STATIC);
}

void Statement::bind_null(int index) { sqlite3_bind_null(stmt_, index); }

Result<bool> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return error_from(db_, rc, "sqlite step");
}

Result<void> Statement::run() {
    Result<bool> row = step();
    while (row && *row) row = step();
    reset();
    if (!row) return row.error();
    return {};
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string_view Statement::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr) return {};
    return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

// close_v2 defers the close until every statement is finalized, so member order cannot leak.
Database::~Database() { sqlite3_close_v2(db_); }

Result<Database> Database::open(const std::string& path, std::chrono::milliseconds busy_timeout) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &raw,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
        nullptr);
    Database db(raw);  // owns the handle even when opening failed
    if (rc != SQLITE_OK) return error_from(raw, rc, "cannot open trace store " + path);
    const auto ms = busy_timeout.count();
    sqlite3_busy_timeout(raw, ms > INT_MAX ? INT_MAX : static_cast<int>(ms < 0 ? 0 : ms));
    return db;
}

Result<void> Database::exec(const char* sql) {
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return error_from(db_, rc, "sqlite exec");
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return error_from(db_, rc, "sqlite prepare");
    return Statement(db_, stmt);
}

std::int64_t Database::changes() const { return sqlite3_changes64(db_); }

}  // namespace gw::collector::sqlite
