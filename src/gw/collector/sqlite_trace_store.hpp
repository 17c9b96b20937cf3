#pragma once
// TraceStore in an SQLite file ($PLANO_HOME/traces.db): WAL mode, so the collector process
// writes while `planoai trace` processes read; each connection waits up to busy_timeout for a
// lock instead of failing at once. One object is one connection: use it from one thread at a time.

#include "gw/base/result.hpp"
#include "gw/collector/trace_store.hpp"

#include <chrono>
#include <filesystem>
#include <memory>

namespace gw::collector {

struct SqliteTraceStoreOptions {
    std::filesystem::path path{};
    std::chrono::milliseconds busy_timeout{5000};
};

class SqliteTraceStore final : public TraceStore {
  public:
    // The schema version this build reads and writes; a file with another version is refused.
    static constexpr std::int64_t kSchemaVersion = 1;

    // Creates the file and its schema when missing.
    [[nodiscard]] static Result<std::unique_ptr<SqliteTraceStore>> open(
        const SqliteTraceStoreOptions& options);

    ~SqliteTraceStore() override;
    SqliteTraceStore(const SqliteTraceStore&) = delete;
    SqliteTraceStore& operator=(const SqliteTraceStore&) = delete;

    [[nodiscard]] Result<void> insert(std::span<const StoredSpan> batch) override;
    [[nodiscard]] Result<std::vector<StoredTrace>> query(const TraceQuery& q) override;
    [[nodiscard]] Result<std::vector<TraceSummary>> list(std::size_t limit) override;
    [[nodiscard]] Result<std::size_t> retain(const RetentionPolicy& policy,
                                             telemetry::UnixTime now) override;

  private:
    struct Impl;
    explicit SqliteTraceStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::collector
