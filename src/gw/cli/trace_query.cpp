#include "gw/cli/trace_query.hpp"

#include "gw/cli/daemon.hpp"
#include "gw/cli/trace_filter.hpp"
#include "gw/cli/trace_render_json.hpp"
#include "gw/cli/trace_render_text.hpp"
#include "gw/cli/trace_tree.hpp"
#include "gw/collector/sqlite_trace_store.hpp"

#include <ctime>
#include <istream>
#include <ostream>
#include <string>
#include <system_error>

namespace gw::cli {
namespace {

using collector::StoredTrace;
using collector::TraceQuery;
using collector::TraceSummary;

// The picker offers at most this many traces (the newest); more would scroll off the terminal.
constexpr std::size_t kPickerMax = 30;
// How many of the newest traces an unmatched --where is checked against for unknown keys. The
// reference checked everything it held (at most 50 traces).
constexpr std::size_t kWhereKeyProbe = 200;

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string local_time(telemetry::UnixTime t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(
        std::chrono::time_point_cast<std::chrono::system_clock::duration>(t));
    std::tm tm{};
    localtime_r(&seconds, &tm);
    char buffer[32];
    return std::string(buffer, std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm));
}

class TraceCommand {
  public:
    TraceCommand(TraceRequest request, const TraceContext& context)
        : request_(std::move(request)), context_(context), out_(*context.out), err_(*context.err) {}

    int run() {
        std::error_code ec;
        if (!std::filesystem::exists(context_.store_path, ec)) return report_missing_store();
        auto store = collector::SqliteTraceStore::open({.path = context_.store_path});
        if (!store) {
            return fail("cannot open the trace store " + context_.store_path.string() + ": " +
                        store.error().message);
        }
        store_ = std::move(*store);
        if (wants_picker(request_, context_.interactive)) return pick();
        if (request_.list) return list();
        return show();
    }

  private:
    int fail(const std::string& message) {
        err_ << "Error: " << message << "\n";
        return 1;
    }

    int report_missing_store() {
        err_ << render_notice("No trace store at " + context_.store_path.string() +
                                  ": nothing has been collected yet. Start the collector with "
                                  "`planoai up --with-tracing` or `planoai trace listen`, send "
                                  "some requests, then run `planoai trace` again.",
                              context_.color);
        if (request_.json)
            out_ << (request_.list ? render_trace_ids_json({}) : render_traces_json({}));
        return 0;
    }

    // The store-side part of the request: time window, --where, the chosen id.
    [[nodiscard]] TraceQuery base_query() const {
        TraceQuery q;
        if (request_.since) q.since = context_.now - *request_.since;
        q.where = request_.where;
        q.trace_id_prefix = request_.trace_id;
        return q;
    }

    Result<std::vector<TraceSummary>> summaries(std::size_t limit) {
        const TraceQuery q = base_query();
        // The store's listing is cheap (no span rows) but knows nothing of filters.
        if (!q.since && q.where.empty() && q.trace_id_prefix.empty()) return store_->list(limit);
        TraceQuery limited = q;
        limited.limit = limit;
        auto traces = store_->query(limited);
        if (!traces) return traces.error();
        std::vector<TraceSummary> out;
        for (const StoredTrace& t : *traces) out.push_back(summarize(t));
        return out;
    }

    int list() {
        const std::size_t limit = request_.target == TargetKind::Last ? 1 : request_.limit;
        auto found = summaries(limit);
        if (!found) return fail(found.error().message);
        if (found->empty() && !request_.where.empty()) {
            if (int rc = check_where_keys(); rc != 0) return rc;
        }
        out_ << (request_.json ? render_trace_ids_json(*found)
                               : render_trace_id_list(*found, context_.color));
        return 0;
    }

    int show() {
        TraceQuery q = base_query();
        // Text shows one trace; JSON every selected one (`last` is one by definition).
        q.limit = request_.json && request_.target != TargetKind::Last ? request_.limit : 1;
        auto traces = store_->query(q);
        if (!traces) return fail(traces.error().message);
        return render(std::move(*traces));
    }

    int pick() {
        const std::size_t limit = request_.limit > 0 ? request_.limit : kPickerMax + 1;
        auto found = summaries(std::min(limit, kPickerMax + 1));
        if (!found) return fail(found.error().message);
        if (found->size() <= 1) return found->empty() ? render({}) : show_one(found->front());
        const bool more = found->size() > kPickerMax;
        if (more) found->resize(kPickerMax);
        std::vector<PickerEntry> entries;
        for (const TraceSummary& s : *found) entries.push_back({s, local_time(s.start_time)});
        out_ << render_picker(entries, more, context_.color);
        const std::optional<std::size_t> choice = ask(entries.size());
        if (!choice) {
            out_ << "Cancelled.\n";
            return 0;
        }
        return show_one((*found)[*choice]);
    }

    // Reads a number until the answer is valid; an empty line or end of input cancels.
    std::optional<std::size_t> ask(std::size_t count) {
        std::string line;
        while (true) {
            out_ << "Enter a number (1-" << count << "), or press Enter to cancel: " << std::flush;
            if (!std::getline(*context_.in, line) ||
                line.find_first_not_of(" \t\r") == std::string::npos) {
                return std::nullopt;
            }
            if (auto choice = parse_choice(line, count)) return choice;
            out_ << "Not a number between 1 and " << count << ".\n";
        }
    }

    int show_one(const TraceSummary& summary) {
        TraceQuery q = base_query();
        q.trace_id_prefix = summary.trace_id.to_hex();
        q.limit = 1;
        auto traces = store_->query(q);
        if (!traces) return fail(traces.error().message);
        return render(std::move(*traces));
    }

    // An empty answer to --where: a key that exists nowhere is a typo worth an error.
    int check_where_keys() {
        auto probe = store_->query({.limit = kWhereKeyProbe});
        if (!probe) return fail(probe.error().message);
        if (probe->empty()) return 0;
        const std::vector<std::string> missing = missing_where_keys(*probe, request_.where);
        return missing.empty() ? 0 : fail("Unknown --where key(s): " + join(missing));
    }

    int render(std::vector<StoredTrace> traces) {
        if (traces.empty() && !request_.where.empty()) {
            if (int rc = check_where_keys(); rc != 0) return rc;
        }
        const KeyFilterOutcome filtered = filter_attribute_keys(traces, request_.key_patterns);
        if (!filtered.unmatched.empty() && !traces.empty()) {
            err_ << render_notice("Warning: Filter key(s) not found: " + join(filtered.unmatched) +
                                      (filtered.applied ? "." : ". Returning unfiltered traces."),
                                  context_.color);
        }
        if (request_.json) {
            out_ << render_traces_json(traces);
        } else if (traces.empty()) {
            out_ << render_notice("No traces found.", context_.color);
        } else {
            TextRenderOptions options{context_.color, request_.verbose || filtered.applied, {}};
            for (const auto& w : request_.where) options.extra_keys.push_back(w.key);
            out_ << render_trace_text(traces.front(), options);
        }
        return 0;
    }

    TraceRequest request_;
    const TraceContext& context_;
    std::ostream& out_;
    std::ostream& err_;
    std::unique_ptr<collector::SqliteTraceStore> store_;
};

}  // namespace

int run_trace(const TraceArgs& args, const TraceContext& context) {
    auto request = make_trace_request(args);
    if (!request) {
        *context.err << "Error: " << request.error().message << "\n";
        return 1;
    }
    return TraceCommand(std::move(*request), context).run();
}

std::filesystem::path default_trace_store_path() { return plano_home() / "traces.db"; }

}  // namespace gw::cli
