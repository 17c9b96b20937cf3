// Test helper for tests/e2e/trace_cli_test.sh: writes the trace fixtures into an SQLite trace
// store, so the real planoai binary can be queried without running a collector.
//   trace_store_fill DB_PATH [success|failure|all]     (default: all)

#include "gw/collector/sqlite_trace_store.hpp"

#include "trace_fixtures.hpp"
#include <cstdio>
#include <string_view>

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s DB_PATH [success|failure|all]\n", argv[0]);
        return 2;
    }
    const std::string_view which = argc == 3 ? argv[2] : "all";
    std::vector<gw::collector::StoredSpan> spans;
    if (which == "success" || which == "all") spans = gw::cli::testing::success_spans();
    if (which == "failure" || which == "all") {
        for (auto& s : gw::cli::testing::failure_spans()) spans.push_back(std::move(s));
    }
    if (spans.empty()) {
        std::fprintf(stderr, "unknown fixture set '%s'\n", argv[2]);
        return 2;
    }
    auto store = gw::collector::SqliteTraceStore::open({.path = argv[1]});
    if (!store) {
        std::fprintf(stderr, "open %s: %s\n", argv[1], store.error().message.c_str());
        return 1;
    }
    if (auto r = (*store)->insert(spans); !r) {
        std::fprintf(stderr, "insert: %s\n", r.error().message.c_str());
        return 1;
    }
    return 0;
}
