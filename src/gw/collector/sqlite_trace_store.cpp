#include "gw/collector/sqlite_trace_store.hpp"

#include "gw/collector/column_json.hpp"
#include "gw/collector/sqlite_db.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

// Layout: `traces` holds one row per trace id with its time range (ordering, listing and
// retention never touch span rows); `spans` holds the spans, attributes as JSON text. `--where`
// runs json_extract over the spans of each candidate trace: about 0.25 s for 100k stored spans
// on the 2-vCPU CI machine, acceptable for a CLI query, while a side table of (key, value) rows
// would multiply insert work by the attribute count. Ids are lowercase hex TEXT so a prefix match
// is a GLOB range scan of the primary key.
namespace gw::collector {
namespace {

using telemetry::SpanId;
using telemetry::TraceId;

constexpr const char* kSchema = R"sql(
CREATE TABLE schema_version(version INTEGER NOT NULL) STRICT;
CREATE TABLE traces(
    trace_id TEXT PRIMARY KEY NOT NULL,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX traces_by_start ON traces(start_ns);
CREATE INDEX traces_by_end ON traces(end_ns);
CREATE TABLE spans(
    trace_id TEXT NOT NULL REFERENCES traces(trace_id) ON DELETE CASCADE,
    span_id TEXT NOT NULL,
    parent_span_id TEXT,
    name TEXT NOT NULL,
    kind INTEGER NOT NULL,
    service TEXT NOT NULL,
    start_ns INTEGER NOT NULL,
    end_ns INTEGER NOT NULL,
    status_code INTEGER NOT NULL,
    status_message TEXT NOT NULL,
    trace_state TEXT NOT NULL,
    attributes TEXT NOT NULL,
    events TEXT NOT NULL,
    resource TEXT NOT NULL,
    UNIQUE(trace_id, span_id)
) STRICT;
)sql";

constexpr std::string_view kUpsertTrace =
    "INSERT INTO traces(trace_id, start_ns, end_ns) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(trace_id) DO UPDATE SET start_ns = min(start_ns, excluded.start_ns), "
    "end_ns = max(end_ns, excluded.end_ns)";
constexpr std::string_view kInsertSpan =
    "INSERT INTO spans(trace_id, span_id, parent_span_id, name, kind, service, start_ns, end_ns, "
    "status_code, status_message, trace_state, attributes, events, resource) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
    "ON CONFLICT(trace_id, span_id) DO NOTHING";
constexpr std::string_view kSpanColumns =
    "SELECT span_id, parent_span_id, name, kind, service, start_ns, end_ns, status_code, "
    "status_message, trace_state, attributes, events, resource FROM spans ";

std::int64_t nanos(telemetry::UnixTime t) { return t.time_since_epoch().count(); }
telemetry::UnixTime at(std::int64_t ns) {
    return telemetry::UnixTime{std::chrono::nanoseconds{ns}};
}

// Rolls back unless committed, so every early error return leaves the file as it was.
class Transaction {
  public:
    static Result<Transaction> begin(sqlite::Database& db, const char* sql) {
        Result<void> r = db.exec(sql);
        if (!r) return r.error();
        return Transaction(db);
    }
    Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction() {
        if (db_ != nullptr) (void)db_->exec("ROLLBACK");
    }
    [[nodiscard]] Result<void> commit() {
        Result<void> r = db_->exec("COMMIT");
        if (r) db_ = nullptr;
        return r;
    }

  private:
    explicit Transaction(sqlite::Database& db) : db_(&db) {}
    sqlite::Database* db_;
};

bool is_where_key(std::string_view key) {
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '.' || c == ':' || c == '-';
    });
}

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Our pattern language (`*` only) in SQLite GLOB syntax: `?` and `[` become one-character classes.
std::string to_glob(std::string_view pattern) {
    std::string out;
    out.reserve(pattern.size());
    for (const char c : pattern) {
        if (c == '?') {
            out += "[?]";
        } else if (c == '[') {
            out += "[[]";
        } else {
            out += c;
        }
    }
    return out;
}

// Builds a statement's text and its parameters together so ?N numbers cannot drift.
class SqlBuilder {
  public:
    std::string param(std::variant<std::int64_t, std::string> value) {
        params_.push_back(std::move(value));
        return "?" + std::to_string(params_.size());
    }
    void bind(sqlite::Statement& stmt) const {
        for (std::size_t i = 0; i < params_.size(); ++i) {
            const int index = static_cast<int>(i + 1);
            std::visit([&](const auto& v) { stmt.bind(index, v); }, params_[i]);
        }
    }

  private:
    // Held here so bound text outlives the statement's steps.
    std::vector<std::variant<std::int64_t, std::string>> params_;
};

std::string where_condition(SqlBuilder& sql, const AttributeFilter& filter,
                            const std::string& since_clause) {
    const std::string path = sql.param("$.\"" + filter.key + "\"");
    const std::string value = sql.param(filter.value);
    // Booleans compare as words (json_extract gives 1/0), arrays match any element, other
    // values by their text; see scalar_text().
    std::string sql_text = " AND EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id";
    sql_text += since_clause;
    sql_text += " AND CASE json_type(s.attributes, " + path + ")";
    sql_text += " WHEN 'true' THEN " + value + " IN ('true', 'True')";
    sql_text += " WHEN 'false' THEN " + value + " IN ('false', 'False')";
    sql_text += " WHEN 'array' THEN EXISTS (SELECT 1 FROM json_each(s.attributes, " + path +
                ") e WHERE e.value = " + value + ")";
    sql_text += " ELSE CAST(json_extract(s.attributes, " + path + ") AS TEXT) = " + value;
    return sql_text + " END)";
}

Result<StoredSpan> read_span(const sqlite::Statement& row, const TraceId& trace_id) {
    StoredSpan s;
    s.trace_id = trace_id;
    const auto span_id = SpanId::from_hex(row.text(0));
    if (!span_id) return Error::internal("trace store: bad span id");
    s.span_id = *span_id;
    if (!row.is_null(1)) {
        s.parent_span_id = SpanId::from_hex(row.text(1));
        if (!s.parent_span_id) return Error::internal("trace store: bad parent span id");
    }
    s.name = row.text(2);
    s.kind = static_cast<telemetry::SpanKind>(row.int64(3) & 0xff);
    s.service_name = row.text(4);
    s.start_time = at(row.int64(5));
    s.end_time = at(row.int64(6));
    s.status.code = static_cast<telemetry::StatusCode>(row.int64(7) & 0xff);
    s.status.message = row.text(8);
    s.trace_state = row.text(9);
    Result<AttributeList> attributes = attributes_from_json(row.text(10));
    Result<std::vector<StoredEvent>> events = events_from_json(row.text(11));
    Result<AttributeList> resource = attributes_from_json(row.text(12));
    if (!attributes) return attributes.error();
    if (!events) return events.error();
    if (!resource) return resource.error();
    s.attributes = std::move(*attributes);
    s.events = std::move(*events);
    s.resource_attributes = std::move(*resource);
    return s;
}

std::int64_t sql_limit(std::size_t limit) {
    constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    return limit == 0 ? -1 : static_cast<std::int64_t>(std::min(limit, kMax));
}

}  // namespace

struct SqliteTraceStore::Impl {
    sqlite::Database db;
    sqlite::Statement upsert_trace;
    sqlite::Statement insert_span;
    sqlite::Statement trace_spans;

    Result<void> create_or_check_schema() {
        // auto_vacuum only takes effect before the first table exists; on an existing file it is
        // a no-op. WAL is a property of the file and persists.
        for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA auto_vacuum = INCREMENTAL",
                                   "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
            if (Result<void> r = db.exec(pragma); !r) return r.error();
        }
        // IMMEDIATE takes the write lock first, so two processes opening a new file cannot both
        // create the schema.
        Result<Transaction> tx = Transaction::begin(db, "BEGIN IMMEDIATE");
        if (!tx) return tx.error();
        Result<std::int64_t> version = read_version();
        if (!version) return version.error();
        if (*version == 0) {
            if (Result<void> r = db.exec(kSchema); !r) return r.error();
            Result<sqlite::Statement> insert =
                db.prepare("INSERT INTO schema_version(version) VALUES(?1)");
            if (!insert) return insert.error();
            insert->bind(1, kSchemaVersion);
            if (Result<void> r = insert->run(); !r) return r.error();
        } else if (*version != kSchemaVersion) {
            return Error::invalid("trace store schema version " + std::to_string(*version) +
                                  " is not supported (" + std::to_string(kSchemaVersion) +
                                  " expected); move the file away to start a new store");
        }
        return tx->commit();
    }

    // 0 for a file without our schema.
    Result<std::int64_t> read_version() {
        Result<sqlite::Statement> exists = db.prepare(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'");
        if (!exists) return exists.error();
        if (Result<bool> row = exists->step(); !row) return row.error();
        if (exists->int64(0) == 0) return std::int64_t{0};
        Result<sqlite::Statement> version = db.prepare("SELECT max(version) FROM schema_version");
        if (!version) return version.error();
        if (Result<bool> row = version->step(); !row) return row.error();
        return version->int64(0);
    }

    Result<void> prepare_statements() {
        Result<sqlite::Statement> upsert = db.prepare(kUpsertTrace);
        Result<sqlite::Statement> insert = db.prepare(kInsertSpan);
        Result<sqlite::Statement> spans =
            db.prepare(std::string(kSpanColumns) +
                       "WHERE trace_id = ?1 AND start_ns >= ?2 ORDER BY start_ns, span_id");
        if (!upsert) return upsert.error();
        if (!insert) return insert.error();
        if (!spans) return spans.error();
        upsert_trace = std::move(*upsert);
        insert_span = std::move(*insert);
        trace_spans = std::move(*spans);
        return {};
    }

    Result<void> insert_one(const StoredSpan& s) {
        char trace_hex[TraceId::kHexSize];
        char span_hex[SpanId::kHexSize];
        char parent_hex[SpanId::kHexSize];
        s.trace_id.write_hex(trace_hex);
        s.span_id.write_hex(span_hex);
        const std::string_view trace_id(trace_hex, sizeof trace_hex);
        const std::int64_t start = nanos(s.start_time);
        const std::int64_t end = std::max(start, nanos(s.end_time));

        upsert_trace.bind(1, trace_id);
        upsert_trace.bind(2, start);
        upsert_trace.bind(3, end);
        if (Result<void> r = upsert_trace.run(); !r) return r;

        const std::string attributes = attributes_to_json(s.attributes);
        const std::string events = events_to_json(s.events);
        const std::string resource = attributes_to_json(s.resource_attributes);
        insert_span.bind(1, trace_id);
        insert_span.bind(2, std::string_view(span_hex, sizeof span_hex));
        if (s.parent_span_id) {
            s.parent_span_id->write_hex(parent_hex);
            insert_span.bind(3, std::string_view(parent_hex, sizeof parent_hex));
        } else {
            insert_span.bind_null(3);
        }
        insert_span.bind(4, s.name);
        insert_span.bind(5, static_cast<std::int64_t>(s.kind));
        insert_span.bind(6, s.service_name);
        insert_span.bind(7, start);
        insert_span.bind(8, nanos(s.end_time));
        insert_span.bind(9, static_cast<std::int64_t>(s.status.code));
        insert_span.bind(10, s.status.message);
        insert_span.bind(11, s.trace_state);
        insert_span.bind(12, attributes);
        insert_span.bind(13, events);
        insert_span.bind(14, resource);
        return insert_span.run();
    }

    Result<std::vector<StoredSpan>> spans_of(const TraceId& trace_id, std::int64_t since) {
        const std::string hex = trace_id.to_hex();
        trace_spans.bind(1, hex);
        trace_spans.bind(2, since);
        std::vector<StoredSpan> out;
        Result<bool> row = trace_spans.step();
        for (; row && *row; row = trace_spans.step()) {
            Result<StoredSpan> span = read_span(trace_spans, trace_id);
            if (!span) {
                trace_spans.reset();
                return span.error();
            }
            out.push_back(std::move(*span));
        }
        trace_spans.reset();
        if (!row) return row.error();
        return out;
    }
};

SqliteTraceStore::SqliteTraceStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteTraceStore::~SqliteTraceStore() = default;

Result<std::unique_ptr<SqliteTraceStore>> SqliteTraceStore::open(
    const SqliteTraceStoreOptions& options) {
    Result<sqlite::Database> db =
        sqlite::Database::open(options.path.string(), options.busy_timeout);
    if (!db) return db.error();
    auto impl = std::make_unique<Impl>();
    impl->db = std::move(*db);
    if (Result<void> r = impl->create_or_check_schema(); !r) return r.error();
    if (Result<void> r = impl->prepare_statements(); !r) return r.error();
    return std::unique_ptr<SqliteTraceStore>(new SqliteTraceStore(std::move(impl)));
}

Result<void> SqliteTraceStore::insert(std::span<const StoredSpan> batch) {
    if (batch.empty()) return {};
    Result<Transaction> tx = Transaction::begin(impl_->db, "BEGIN IMMEDIATE");
    if (!tx) return tx.error();
    for (const StoredSpan& s : batch) {
        if (Result<void> r = impl_->insert_one(s); !r) return r;
    }
    return tx->commit();
}

Result<std::vector<StoredTrace>> SqliteTraceStore::query(const TraceQuery& q) {
    if (q.trace_id_prefix.size() > TraceId::kHexSize || !is_lower_hex(q.trace_id_prefix)) {
        return Error::invalid("trace id prefix must be up to 32 lowercase hex digits");
    }
    for (const AttributeFilter& f : q.where) {
        if (!is_where_key(f.key)) {
            return Error::invalid("invalid --where key '" + f.key + "': use [A-Za-z0-9_.:-]");
        }
    }
    const std::int64_t since = q.since ? nanos(*q.since) : std::numeric_limits<std::int64_t>::min();

    SqlBuilder sql;
    std::string text = "SELECT t.trace_id FROM traces t WHERE 1";
    if (!q.trace_id_prefix.empty()) {
        text += " AND t.trace_id GLOB " + sql.param(q.trace_id_prefix + "*");
    }
    std::string since_clause;
    if (q.since) {
        since_clause = " AND s.start_ns >= " + sql.param(since);
        // Spans start before their trace's end, so older traces are skipped through the index.
        text += " AND t.end_ns >= " + sql.param(since);
        text += " AND EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id";
        text += since_clause + ")";
    }
    for (const AttributeFilter& f : q.where) text += where_condition(sql, f, since_clause);
    if (!q.name_pattern.empty()) {
        const std::string pattern = sql.param(to_glob(q.name_pattern));
        text += " AND EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id" + since_clause +
                " AND (s.name GLOB " + pattern + " OR s.service GLOB " + pattern + "))";
    }
    text += " ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT " + sql.param(sql_limit(q.limit));

    // One read transaction: the id list and the spans come from the same snapshot.
    Result<Transaction> tx = Transaction::begin(impl_->db, "BEGIN");
    if (!tx) return tx.error();
    Result<sqlite::Statement> stmt = impl_->db.prepare(text);
    if (!stmt) return stmt.error();
    sql.bind(*stmt);
    std::vector<TraceId> ids;
    Result<bool> row = stmt->step();
    for (; row && *row; row = stmt->step()) {
        const auto id = TraceId::from_hex(stmt->text(0));
        if (!id) return Error::internal("trace store: bad trace id");
        ids.push_back(*id);
    }
    if (!row) return row.error();
    stmt->reset();

    std::vector<StoredTrace> out;
    out.reserve(ids.size());
    for (const TraceId& id : ids) {
        Result<std::vector<StoredSpan>> spans = impl_->spans_of(id, since);
        if (!spans) return spans.error();
        out.push_back({id, std::move(*spans)});
    }
    if (Result<void> r = tx->commit(); !r) return r.error();
    return out;
}

Result<std::vector<TraceSummary>> SqliteTraceStore::list(std::size_t limit) {
    Result<sqlite::Statement> stmt = impl_->db.prepare(
        "SELECT t.trace_id, t.start_ns, t.end_ns, "
        "(SELECT count(*) FROM spans s WHERE s.trace_id = t.trace_id), r.name, r.service "
        "FROM traces t LEFT JOIN spans r ON r.rowid = (SELECT s.rowid FROM spans s "
        "WHERE s.trace_id = t.trace_id AND s.parent_span_id IS NULL "
        "ORDER BY s.start_ns, s.span_id LIMIT 1) "
        "ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, sql_limit(limit));
    std::vector<TraceSummary> out;
    Result<bool> row = stmt->step();
    for (; row && *row; row = stmt->step()) {
        const auto id = TraceId::from_hex(stmt->text(0));
        if (!id) return Error::internal("trace store: bad trace id");
        out.push_back({*id, at(stmt->int64(1)), at(stmt->int64(2)),
                       static_cast<std::size_t>(stmt->int64(3)), std::string(stmt->text(4)),
                       std::string(stmt->text(5))});
    }
    if (!row) return row.error();
    return out;
}

Result<std::size_t> SqliteTraceStore::retain(const RetentionPolicy& policy,
                                             telemetry::UnixTime now) {
    Result<Transaction> tx = Transaction::begin(impl_->db, "BEGIN IMMEDIATE");
    if (!tx) return tx.error();
    std::int64_t removed = 0;
    if (policy.max_age.count() > 0) {
        Result<sqlite::Statement> stmt = impl_->db.prepare("DELETE FROM traces WHERE end_ns < ?1");
        if (!stmt) return stmt.error();
        stmt->bind(1, nanos(now) - policy.max_age.count());
        if (Result<void> r = stmt->run(); !r) return r.error();
        removed += impl_->db.changes();
    }
    if (policy.max_traces > 0) {
        Result<sqlite::Statement> stmt = impl_->db.prepare(
            "DELETE FROM traces WHERE trace_id IN (SELECT trace_id FROM traces "
            "ORDER BY start_ns DESC, trace_id DESC LIMIT -1 OFFSET ?1)");
        if (!stmt) return stmt.error();
        stmt->bind(1, sql_limit(policy.max_traces));
        if (Result<void> r = stmt->run(); !r) return r.error();
        removed += impl_->db.changes();
    }
    if (Result<void> r = tx->commit(); !r) return r.error();
    // Returns the freed pages to the file system; outside the transaction so readers see the
    // deletion first.
    if (Result<void> r = impl_->db.exec("PRAGMA incremental_vacuum"); !r) return r.error();
    return static_cast<std::size_t>(removed);
}

}  // namespace gw::collector
