#include "gw/state/pg_connection.hpp"

#include "gw/state/libpq.hpp"

#include <climits>

#include <array>
#include <charconv>
#include <memory>
#include <utility>
#include <vector>

namespace gw::state::pg {
namespace {

// Every Connection and QueryResult that calls into libpq exists only after Connection::open
// loaded it.
const Libpq& pq() { return loaded_libpq(); }

constexpr Oid kTextOid = 25;  // pg_type.oid of `text`
constexpr int kBinaryFormat = 1;
constexpr std::string_view kQueryCanceled = "57014";  // SQLSTATE of statement_timeout

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running...");
// log lines must not.
std::string one_line(const char* message) {
    std::string text;
    for (const char* c = message != nullptr ? message : ""; *c != '\0'; ++c) {
        const bool space = *c == '\n' || *c == '\t' || *c == ' ';
        if (!space) {
            text.push_back(*c);
        } else if (!text.empty() && text.back() != ' ') {
            text.push_back(' ');
        }
    }
    if (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

// Notices ("relation already exists, skipping") would go to stderr around our logger.
void ignore_notice(void* /*context*/, const char* /*message*/) {}

void replace_all(std::string& text, std::string_view secret, std::string_view mask) {
    if (secret.empty()) return;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), mask);
        at += mask.size();
    }
}

// What libpq itself takes for a connection string rather than a bare database name.
bool is_connection_string(std::string_view text) {
    return text.starts_with("postgresql://") || text.starts_with("postgres://") ||
           text.find('=') != std::string_view::npos;
}

using ConninfoOptions = std::unique_ptr<PQconninfoOption, decltype(Libpq::conninfo_free)>;

// The password written in `connection_string` ("" when none), so that it can be masked in libpq's
// messages. libpq's own parse errors may quote the whole string, so they are not passed on.
Result<std::string> password_of(const std::string& connection_string) {
    if (!is_connection_string(connection_string)) return std::string();
    char* raw_error = nullptr;
    ConninfoOptions options(pq().conninfo_parse(connection_string.c_str(), &raw_error),
                            pq().conninfo_free);
    pq().freemem(raw_error);
    if (!options) {
        return Error::invalid(
            "state_storage.connection_string is not a valid PostgreSQL connection string "
            "(expected key=value pairs or a postgresql:// URI)");
    }
    for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
        if (std::string_view(option->keyword) == "password" && option->val != nullptr) {
            return std::string(option->val);
        }
    }
    return std::string();
}

std::string millis_text(std::chrono::milliseconds value) { return std::to_string(value.count()); }

// libpq rounds connect_timeout to whole seconds and treats 1 as 2.
std::string connect_timeout_text(std::chrono::milliseconds value) {
    const auto seconds = (value.count() + 999) / 1000;
    return std::to_string(seconds < 2 ? 2 : seconds);
}

}  // namespace

QueryResult::QueryResult(QueryResult&& other) noexcept
    : result_(std::exchange(other.result_, nullptr)) {}

QueryResult& QueryResult::operator=(QueryResult&& other) noexcept {
    if (this != &other) {
        if (result_ != nullptr) pq().clear(result_);
        result_ = std::exchange(other.result_, nullptr);
    }
    return *this;
}

QueryResult::~QueryResult() {
    if (result_ != nullptr) pq().clear(result_);
}

int QueryResult::rows() const { return pq().ntuples(result_); }

std::string_view QueryResult::text(int row, int column) const {
    return {pq().get_value(result_, row, column),
            static_cast<std::size_t>(pq().get_length(result_, row, column))};
}

std::int64_t QueryResult::affected_rows() const {
    const std::string_view text = pq().cmd_tuples(result_);
    std::int64_t count = 0;
    std::from_chars(text.data(), text.data() + text.size(), count);
    return count;
}

Connection::Connection(Connection&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (conn_ != nullptr) pq().finish(conn_);
        conn_ = std::exchange(other.conn_, nullptr);
    }
    return *this;
}

Connection::~Connection() {
    if (conn_ != nullptr) pq().finish(conn_);
}

Result<Connection> Connection::open(const std::string& connection_string,
                                    std::chrono::milliseconds timeout) {
    if (auto loaded = load_libpq(); !loaded) return loaded.error();
    auto password = password_of(connection_string);
    if (!password) return password.error();
    const std::string connect_timeout = connect_timeout_text(timeout);
    const std::string send_timeout = millis_text(timeout);
    // Entries before "dbname" are defaults: the expanded connection string overrides them.
    const std::array<const char*, 7> keywords = {
        "connect_timeout", "tcp_user_timeout", "keepalives", "application_name",
        "client_encoding", "dbname",           nullptr};
    const std::array<const char*, 7> values = {connect_timeout.c_str(),
                                               send_timeout.c_str(),
                                               "1",
                                               "planoai",
                                               "UTF8",
                                               connection_string.c_str(),
                                               nullptr};
    Connection connection(pq().connectdb_params(keywords.data(), values.data(), 1));
    if (connection.conn_ == nullptr) return Error::internal("libpq: out of memory");
    pq().set_notice_processor(connection.conn_, ignore_notice, nullptr);
    if (pq().status(connection.conn_) != CONNECTION_OK) {
        std::string message = one_line(pq().error_message(connection.conn_));
        replace_all(message, *password, "***");
        return Error::io("cannot connect to PostgreSQL: " + message);
    }
    // A SET rather than the `options` startup parameter, which PgBouncer refuses.
    const std::string statement_timeout = "SET statement_timeout = " + millis_text(timeout);
    if (auto set = connection.exec(statement_timeout.c_str()); !set) return set.error();
    return connection;
}

Result<QueryResult> Connection::exec(const char* sql, std::span<const std::string_view> params) {
    if (conn_ == nullptr) return Error::io("not connected to PostgreSQL");
    std::vector<const char*> values;
    std::vector<int> lengths;
    for (std::string_view param : params) {
        values.push_back(param.data());
        lengths.push_back(param.size() > INT_MAX ? INT_MAX : static_cast<int>(param.size()));
    }
    // Binary format: text parameters go as raw bytes, without NUL-termination or escaping.
    const std::vector<Oid> types(params.size(), kTextOid);
    const std::vector<int> formats(params.size(), kBinaryFormat);
    PGresult* raw = pq().exec_params(conn_, sql, static_cast<int>(params.size()), types.data(),
                                     values.data(), lengths.data(), formats.data(), 0);
    QueryResult result(raw);  // owns `raw` whatever its status
    const ExecStatusType status = pq().result_status(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    std::string message =
        one_line(raw != nullptr ? pq().result_error_message(raw) : pq().error_message(conn_));
    const char* state = pq().result_error_field(raw, PG_DIAG_SQLSTATE);
    if (state != nullptr && state == kQueryCanceled)
        return Error::timeout("PostgreSQL: " + message);
    return Error::io("PostgreSQL: " + message);
}

bool Connection::broken() const { return conn_ == nullptr || pq().status(conn_) == CONNECTION_BAD; }

}  // namespace gw::state::pg
