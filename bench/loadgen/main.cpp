// gw-loadgen: closed-loop HTTP/1.1 load for bench/run.sh. C connections, each a thread with a
// blocking keep-alive socket, send the same request back to back until N requests (in total) or
// D seconds are done; prints one JSON object with throughput and the latency and time-to-first-
// body-byte percentiles. Only for 127.0.0.1 targets.

#include <CLI/CLI.hpp>

#include "http_connection.hpp"
#include "latency_stats.hpp"
#include <atomic>
#include <cstdio>
#include <fstream>
#include <latch>
#include <mutex>
#include <sstream>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

struct Target {
    std::string host;
    uint16_t port = 80;
    std::string path = "/";
};

Target parse_url(const std::string& url) {
    constexpr std::string_view kScheme = "http://";
    if (url.rfind(kScheme, 0) != 0) throw CLI::ValidationError("--url", "only http:// URLs");
    Target t;
    const std::string rest = url.substr(kScheme.size());
    const size_t slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    t.path = slash == std::string::npos ? "/" : rest.substr(slash);
    const size_t colon = authority.rfind(':');
    t.host = authority.substr(0, colon);
    if (colon != std::string::npos)
        t.port = static_cast<uint16_t>(std::stoi(authority.substr(colon + 1)));
    return t;
}

std::string build_request(const Target& t, const std::string& method, const std::string& body,
                          const std::vector<std::string>& headers) {
    std::ostringstream out;
    out << method << ' ' << t.path << " HTTP/1.1\r\nHost: " << t.host << ':' << t.port << "\r\n";
    for (const auto& h : headers) out << h << "\r\n";
    if (!body.empty() || method == "POST") {
        out << "Content-Type: application/json\r\nContent-Length: " << body.size() << "\r\n";
    }
    out << "\r\n" << body;
    return out.str();
}

struct Totals {
    std::mutex mu;
    std::vector<std::chrono::nanoseconds> latency;
    std::vector<std::chrono::nanoseconds> ttfb;
    size_t errors = 0;
    size_t non_2xx = 0;
    size_t body_bytes = 0;
};

struct Plan {
    Target target;
    std::string request;
    size_t warmup = 0;
    std::chrono::steady_clock::time_point deadline = Clock::time_point::max();
};

void run_connection(const Plan* plan, std::atomic<int64_t>* remaining, std::latch* ready,
                    std::latch* go, Totals* totals) {
    loadgen::HttpConnection conn(plan->target.host, plan->target.port);
    for (size_t i = 0; i < plan->warmup; ++i) (void)conn.exchange(plan->request);
    ready->count_down();
    go->wait();
    std::vector<std::chrono::nanoseconds> latency, ttfb;
    size_t errors = 0, non_2xx = 0, bytes = 0;
    while (remaining->fetch_sub(1) > 0 && Clock::now() < plan->deadline) {
        const auto ex = conn.exchange(plan->request);
        if (!ex.ok) {
            ++errors;
            continue;
        }
        if (ex.status < 200 || ex.status > 299) ++non_2xx;
        latency.push_back(ex.total);
        ttfb.push_back(ex.ttfb);
        bytes += ex.body_bytes;
    }
    std::lock_guard lock(totals->mu);
    totals->latency.insert(totals->latency.end(), latency.begin(), latency.end());
    totals->ttfb.insert(totals->ttfb.end(), ttfb.begin(), ttfb.end());
    totals->errors += errors;
    totals->non_2xx += non_2xx;
    totals->body_bytes += bytes;
}

}  // namespace

int main(int argc, char** argv) {
    std::string url, method, body, body_file;
    std::vector<std::string> headers;
    int64_t requests = 0;
    double duration = 0;
    size_t connections = 1;
    size_t warmup = 0;
    CLI::App app{"gw-loadgen: closed-loop HTTP/1.1 latency and TTFB measurement"};
    app.add_option("--url", url, "http://127.0.0.1:PORT/path")->required();
    app.add_option("-X,--method", method, "default POST with a body, else GET");
    app.add_option("--body", body, "request body");
    app.add_option("--body-file", body_file, "read the request body from a file");
    app.add_option("-H,--header", headers, "extra header line, 'name: value' (repeatable)");
    app.add_option("-n,--requests", requests, "total requests (all connections)");
    app.add_option("-d,--duration", duration, "seconds to run (when -n is not given)");
    app.add_option("-c,--connections", connections, "concurrent keep-alive connections")
        ->check(CLI::Range(1, 4096));
    app.add_option("--warmup", warmup, "unrecorded requests per connection before measuring");
    CLI11_PARSE(app, argc, argv);
    if (!body_file.empty()) {
        std::ifstream in(body_file);
        body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (method.empty()) method = body.empty() ? "GET" : "POST";
    if (requests <= 0 && duration <= 0) requests = 1000;

    Plan plan;
    plan.target = parse_url(url);
    plan.request = build_request(plan.target, method, body, headers);
    plan.warmup = warmup;
    std::atomic<int64_t> remaining{requests > 0 ? requests : INT64_MAX};
    std::latch ready(static_cast<std::ptrdiff_t>(connections));
    std::latch go(1);
    Totals totals;
    std::vector<std::thread> threads;
    for (size_t i = 0; i < connections; ++i) {
        threads.emplace_back(run_connection, &plan, &remaining, &ready, &go, &totals);
    }
    ready.wait();
    const auto start = Clock::now();
    if (duration > 0) {
        plan.deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(duration));
    }
    go.count_down();
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    const size_t done = totals.latency.size();
    const auto latency = loadgen::percentiles(totals.latency);
    const auto ttfb = loadgen::percentiles(totals.ttfb);
    std::printf(
        R"({"requests":%zu,"errors":%zu,"non_2xx":%zu,"seconds":%.3f,"rps":%.1f,"body_bytes_mean":%.1f,"latency_us":%s,"ttfb_us":%s})"
        "\n",
        done, totals.errors, totals.non_2xx, seconds, static_cast<double>(done) / seconds,
        done ? static_cast<double>(totals.body_bytes) / static_cast<double>(done) : 0.0,
        loadgen::to_json(latency).c_str(), loadgen::to_json(ttfb).c_str());
    return totals.errors == 0 && totals.non_2xx == 0 ? 0 : 1;
}
