// SqliteTraceStore against real files in a fresh temporary directory per test.

#include "gw/collector/sqlite_trace_store.hpp"

#include "gw/collector/otlp_decode.hpp"
#include "gw/telemetry/otlp_encode.hpp"

#include <gtest/gtest.h>

#include "sample_spans.hpp"
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <sqlite3.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace gw::collector {
namespace {

using namespace gw::collector::testing;
using namespace std::chrono_literals;
using telemetry::StringArray;

constexpr std::int64_t kT0 = 1'700'000'000'000'000'000;

StoredSpan make_span(std::uint8_t trace, std::uint8_t span, std::int64_t start_ns,
                     std::string name = "op", std::string service = "plano(llm)") {
    StoredSpan s;
    s.trace_id = trace_id(trace);
    s.span_id = span_id(span);
    s.name = std::move(name);
    s.kind = telemetry::SpanKind::Server;
    s.service_name = service;
    s.resource_attributes = {{"service.name", std::move(service)}};
    s.start_time = at(start_ns);
    s.end_time = at(start_ns + 1'000'000);
    return s;
}

std::vector<std::string> ids_of(const std::vector<StoredTrace>& traces) {
    std::vector<std::string> out;
    for (const StoredTrace& t : traces) out.push_back(t.trace_id.to_hex());
    return out;
}

// Raw SQL on the store's file, for what the API does not expose.
std::int64_t scalar(const std::filesystem::path& file, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    const std::int64_t v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
}
void exec(const std::filesystem::path& file, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
}

class SqliteTraceStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "gw_store_XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        file_ = dir_ / "traces.db";
        store_ = open();
    }
    void TearDown() override {
        store_.reset();
        std::filesystem::remove_all(dir_);
    }
    std::unique_ptr<SqliteTraceStore> open() {
        Result<std::unique_ptr<SqliteTraceStore>> s = SqliteTraceStore::open({.path = file_});
        EXPECT_TRUE(s) << (s ? "" : s.error().message);
        return s ? std::move(*s) : nullptr;
    }
    std::vector<StoredTrace> query(const TraceQuery& q) {
        Result<std::vector<StoredTrace>> r = store_->query(q);
        EXPECT_TRUE(r) << (r ? "" : r.error().message);
        return r ? std::move(*r) : std::vector<StoredTrace>{};
    }
    void insert(const std::vector<StoredSpan>& batch) {
        Result<void> r = store_->insert(batch);
        ASSERT_TRUE(r) << r.error().message;
    }

    std::filesystem::path dir_;
    std::filesystem::path file_;
    std::unique_ptr<SqliteTraceStore> store_;
};

TEST_F(SqliteTraceStoreTest, CreatesWalFileWithSchemaVersion) {
    EXPECT_EQ(scalar(file_, "SELECT version FROM schema_version"),
              SqliteTraceStore::kSchemaVersion);
    EXPECT_EQ(scalar(file_, "PRAGMA auto_vacuum"), 2);  // incremental
    sqlite3* db = nullptr;
    sqlite3_open(file_.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST_F(SqliteTraceStoreTest, EveryFieldRoundTrips) {
    StoredSpan full = stored(full_gateway_span());
    full.attributes.push_back({"nan", std::numeric_limits<double>::quiet_NaN()});
    full.attributes.pop_back();  // NaN != NaN would defeat ==; column_json_test covers it
    full.kind = static_cast<telemetry::SpanKind>(0);
    insert({full});
    const std::vector<StoredTrace> traces = query({});
    ASSERT_EQ(traces.size(), 1u);
    EXPECT_EQ(traces[0].trace_id, full.trace_id);
    ASSERT_EQ(traces[0].spans.size(), 1u);
    EXPECT_EQ(traces[0].spans[0], full);
}

TEST_F(SqliteTraceStoreTest, GroupsByTraceNewestFirstWithSpansInStartOrder) {
    insert({make_span(1, 1, kT0 + 20), make_span(2, 2, kT0 + 500), make_span(1, 3, kT0 + 10)});
    insert({make_span(3, 4, kT0 + 100), make_span(1, 5, kT0 + 5)});
    const std::vector<StoredTrace> traces = query({});
    ASSERT_EQ(ids_of(traces), (std::vector<std::string>{trace_id(2).to_hex(), trace_id(3).to_hex(),
                                                        trace_id(1).to_hex()}));
    ASSERT_EQ(traces[2].spans.size(), 3u);
    EXPECT_EQ(traces[2].spans[0].span_id, span_id(5));
    EXPECT_EQ(traces[2].spans[1].span_id, span_id(3));
    EXPECT_EQ(traces[2].spans[2].span_id, span_id(1));
}

TEST_F(SqliteTraceStoreTest, DuplicateSpansAreStoredOnce) {
    insert({make_span(1, 1, kT0), make_span(1, 1, kT0)});
    StoredSpan again = make_span(1, 1, kT0);
    again.name = "changed";
    insert({again});
    const std::vector<StoredTrace> traces = query({});
    ASSERT_EQ(traces.size(), 1u);
    ASSERT_EQ(traces[0].spans.size(), 1u);
    EXPECT_EQ(traces[0].spans[0].name, "op");
}

TEST_F(SqliteTraceStoreTest, LimitAndList) {
    StoredSpan child = make_span(1, 2, kT0 + 1, "child");
    child.parent_span_id = span_id(1);
    insert({child, make_span(1, 1, kT0, "root", "plano(inbound)"), make_span(2, 3, kT0 + 50)});
    StoredSpan orphan = make_span(3, 4, kT0 + 100, "orphan");
    orphan.parent_span_id = span_id(99);
    insert({orphan});

    EXPECT_EQ(query({.limit = 2}).size(), 2u);
    EXPECT_EQ(query({.limit = 0}).size(), 3u);

    const Result<std::vector<TraceSummary>> all = store_->list(0);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].trace_id, trace_id(3));
    EXPECT_EQ((*all)[0].root_name, "");  // its root never arrived
    const TraceSummary& first = (*all)[2];
    EXPECT_EQ(first.trace_id, trace_id(1));
    EXPECT_EQ(first.span_count, 2u);
    EXPECT_EQ(first.root_name, "root");
    EXPECT_EQ(first.root_service, "plano(inbound)");
    EXPECT_EQ(first.start_time, at(kT0));
    EXPECT_EQ(first.end_time, at(kT0 + 1 + 1'000'000));
    const Result<std::vector<TraceSummary>> one = store_->list(1);
    ASSERT_TRUE(one);
    EXPECT_EQ(one->size(), 1u);
}

TEST_F(SqliteTraceStoreTest, WhereMatchesTypedValuesAsTextAcrossSpans) {
    StoredSpan a = make_span(1, 1, kT0);
    a.attributes = {{"http.status_code", std::int64_t{503}},
                    {"llm.is_streaming", true},
                    {"gen_ai.request.temperature", 0.7},
                    {"gen_ai.response.finish_reasons", StringArray{"length", "stop"}}};
    StoredSpan b = make_span(1, 2, kT0 + 1);
    b.attributes = {{"gen_ai.request.model", std::string("gpt-4o")}};
    StoredSpan c = make_span(2, 3, kT0 + 2);
    c.attributes = {{"gen_ai.request.model", std::string("claude")},
                    {"http.status_code", std::string("503x")}};
    insert({a, b, c});

    const auto where = [&](std::vector<AttributeFilter> filters) {
        return ids_of(query({.where = std::move(filters)}));
    };
    const std::vector<std::string> only_1 = {trace_id(1).to_hex()};
    EXPECT_EQ(where({{"http.status_code", "503"}}), only_1);
    EXPECT_EQ(where({{"llm.is_streaming", "true"}}), only_1);
    EXPECT_EQ(where({{"llm.is_streaming", "True"}}), only_1);
    EXPECT_TRUE(where({{"llm.is_streaming", "1"}}).empty());
    EXPECT_EQ(where({{"gen_ai.request.temperature", "0.7"}}), only_1);
    EXPECT_EQ(where({{"gen_ai.response.finish_reasons", "stop"}}), only_1);
    // AND over pairs, each satisfied by any span of the trace.
    EXPECT_EQ(where({{"http.status_code", "503"}, {"gen_ai.request.model", "gpt-4o"}}), only_1);
    EXPECT_TRUE(where({{"http.status_code", "503"}, {"gen_ai.request.model", "claude"}}).empty());
    EXPECT_TRUE(where({{"missing.key", "x"}}).empty());
    EXPECT_FALSE(store_->query({.where = {{"bad key'", "x"}}}));
}

TEST_F(SqliteTraceStoreTest, SinceDropsOlderSpansAndEmptiedTraces) {
    StoredSpan late = make_span(1, 2, kT0 + 1000);
    insert({make_span(1, 1, kT0), late, make_span(2, 3, kT0 + 10)});
    const std::vector<StoredTrace> traces = query({.since = at(kT0 + 500)});
    ASSERT_EQ(traces.size(), 1u);
    ASSERT_EQ(traces[0].spans.size(), 1u);
    EXPECT_EQ(traces[0].spans[0], late);
    // A where pair must hold on a span inside the window.
    StoredSpan old = make_span(3, 4, kT0);
    old.attributes = {{"k", std::string("v")}};
    insert({old, make_span(3, 5, kT0 + 1000)});
    EXPECT_TRUE(query({.since = at(kT0 + 500), .where = {{"k", "v"}}}).empty());
}

TEST_F(SqliteTraceStoreTest, NamePatternMatchesSpanNameOrServiceLiterally) {
    insert({make_span(1, 1, kT0, "POST /v1/chat/completions gpt-4o"),
            make_span(2, 2, kT0 + 1, "what? [x]", "plano(routing)"),
            make_span(3, 3, kT0 + 2, "GET /healthz")});
    const auto names = [&](std::string pattern) {
        return ids_of(query({.name_pattern = std::move(pattern)}));
    };
    EXPECT_EQ(names("POST *"), (std::vector<std::string>{trace_id(1).to_hex()}));
    EXPECT_EQ(names("*routing*"), (std::vector<std::string>{trace_id(2).to_hex()}));
    EXPECT_EQ(names("what? [x]"), (std::vector<std::string>{trace_id(2).to_hex()}));
    EXPECT_TRUE(names("what! [x]").empty());  // `?` is not a wildcard
    EXPECT_TRUE(names("POST").empty());       // anchored at both ends
    EXPECT_EQ(names("*").size(), 3u);
}

TEST_F(SqliteTraceStoreTest, TraceIdPrefix) {
    insert({make_span(0x10, 1, kT0), make_span(0x20, 2, kT0)});
    const std::string full = trace_id(0x10).to_hex();
    EXPECT_EQ(ids_of(query({.trace_id_prefix = full.substr(0, 8)})),
              (std::vector<std::string>{full}));
    EXPECT_EQ(ids_of(query({.trace_id_prefix = full})), (std::vector<std::string>{full}));
    EXPECT_TRUE(query({.trace_id_prefix = "ffffffff"}).empty());
    EXPECT_FALSE(store_->query({.trace_id_prefix = "ABCD"}));
    EXPECT_FALSE(store_->query({.trace_id_prefix = "1*"}));
    EXPECT_FALSE(store_->query({.trace_id_prefix = full + "0"}));
}

TEST_F(SqliteTraceStoreTest, FailedBatchStoresNothing) {
    // A trigger makes the third span of the batch fail after two were written.
    exec(file_,
         "CREATE TRIGGER poison BEFORE INSERT ON spans WHEN NEW.name = 'poison' "
         "BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
    const Result<void> r = store_->insert(std::vector<StoredSpan>{
        make_span(1, 1, kT0), make_span(2, 2, kT0), make_span(3, 3, kT0, "poison")});
    EXPECT_FALSE(r);
    EXPECT_TRUE(query({}).empty());
    EXPECT_EQ(scalar(file_, "SELECT count(*) FROM spans"), 0);
    EXPECT_EQ(scalar(file_, "SELECT count(*) FROM traces"), 0);
    insert({make_span(1, 1, kT0)});  // the connection is usable afterwards
    EXPECT_EQ(query({}).size(), 1u);
}

TEST_F(SqliteTraceStoreTest, MalformedExportsStoreNothing) {
    const std::string bytes = telemetry::encode_export_request(
        std::vector<telemetry::Span>{full_gateway_span(), gateway_span(7, 2, "plano(llm)")});
    for (std::size_t n = 1; n < bytes.size(); ++n) {
        const Result<std::vector<StoredSpan>> spans =
            decode_export_request(std::string_view(bytes).substr(0, n));
        if (spans) {
            ASSERT_TRUE(store_->insert(*spans));
        }
    }
    EXPECT_TRUE(query({}).empty());
}

TEST_F(SqliteTraceStoreTest, RetentionByAgeAndCount) {
    insert({make_span(1, 1, kT0), make_span(2, 2, kT0 + 100), make_span(3, 3, kT0 + 200),
            make_span(4, 4, kT0 + 300)});
    const telemetry::UnixTime now = at(kT0 + 1'000'000 + 150);
    // Trace 1 ended at kT0 + 1ms, trace 2 at kT0 + 1ms + 100: older than 100 ns at `now`.
    Result<std::size_t> removed = store_->retain({.max_age = 100ns}, now);
    ASSERT_TRUE(removed) << removed.error().message;
    EXPECT_EQ(*removed, 1u);
    removed = store_->retain({.max_traces = 2}, now);
    ASSERT_TRUE(removed);
    EXPECT_EQ(*removed, 1u);
    EXPECT_EQ(ids_of(query({})),
              (std::vector<std::string>{trace_id(4).to_hex(), trace_id(3).to_hex()}));
    // Span rows go with their trace.
    EXPECT_EQ(scalar(file_, "SELECT count(*) FROM spans"), 2);
    removed = store_->retain({}, now);
    ASSERT_TRUE(removed);
    EXPECT_EQ(*removed, 0u);
}

TEST_F(SqliteTraceStoreTest, DataSurvivesReopening) {
    insert({make_span(1, 1, kT0), make_span(1, 2, kT0 + 1)});
    store_.reset();
    store_ = open();
    ASSERT_NE(store_, nullptr);
    const std::vector<StoredTrace> traces = query({});
    ASSERT_EQ(traces.size(), 1u);
    EXPECT_EQ(traces[0].spans.size(), 2u);
}

TEST_F(SqliteTraceStoreTest, RefusesAnotherSchemaVersion) {
    store_.reset();
    exec(file_, "UPDATE schema_version SET version = 99");
    const Result<std::unique_ptr<SqliteTraceStore>> s = SqliteTraceStore::open({.path = file_});
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("99"), std::string::npos);
}

TEST_F(SqliteTraceStoreTest, UnopenablePathIsAnError) {
    EXPECT_FALSE(SqliteTraceStore::open({.path = dir_ / "missing" / "traces.db"}));
}

// A writer process and this (reader) process share the file: WAL plus busy_timeout let every
// batch land and every read succeed while the other side is busy.
TEST_F(SqliteTraceStoreTest, WriterProcessAndReaderCoexist) {
    constexpr int kBatches = 100;
    constexpr int kSpansPerBatch = 20;
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        Result<std::unique_ptr<SqliteTraceStore>> writer = SqliteTraceStore::open({.path = file_});
        if (!writer) _exit(2);
        for (int b = 0; b < kBatches; ++b) {
            std::vector<StoredSpan> batch;
            for (int i = 0; i < kSpansPerBatch; ++i) {
                StoredSpan s = make_span(static_cast<std::uint8_t>(b), static_cast<std::uint8_t>(i),
                                         kT0 + b * 1000 + i);
                s.attributes = {{"batch", std::int64_t{b}}};
                batch.push_back(std::move(s));
            }
            if (!(*writer)->insert(batch)) _exit(3);
        }
        _exit(0);
    }
    int reads = 0;
    int status = 0;
    while (waitpid(child, &status, WNOHANG) == 0) {
        const Result<std::vector<StoredTrace>> r = store_->query({});
        ASSERT_TRUE(r) << r.error().message;
        // Batches are atomic: every visible trace is complete.
        for (const StoredTrace& t : *r) EXPECT_EQ(t.spans.size(), std::size_t{kSpansPerBatch});
        ++reads;
    }
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_GT(reads, 0);
    EXPECT_EQ(query({}).size(), std::size_t{kBatches});
    EXPECT_EQ(query({.where = {{"batch", "42"}}}).size(), 1u);
}

}  // namespace
}  // namespace gw::collector
