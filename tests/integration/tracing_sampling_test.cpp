// Gateway-level sampling, propagation, custom attributes and the OTLP/gRPC transport end to end
// (README §4.1, §4.2, §4.5, §4.7). Spans are captured in-process through GatewayOptions::span_sink,
// except for the gRPC test, which lets the gateway build its exporter from the config and sends to
// an in-process grpc::Server.

#include "gw/collector/otlp_decode.hpp"
#include "gw/exporter/otlp_grpc_exporter.hpp"
#include "gw/mock/mock_provider.hpp"
#include "gw/telemetry/sampler.hpp"
#include "gw/telemetry/span_sink.hpp"
#include "gw/telemetry/trace_context.hpp"

#include <fmt/format.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include "collecting_sink.hpp"
#include "gateway_fixture.hpp"
#include "http_test_client.hpp"
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace gw::testing {
namespace {

using telemetry::Span;
using telemetry::TraceId;

// Generous safety net for waits on events; a passing run never gets near it.
constexpr std::chrono::seconds kWaitLimit{30};

// Sets (or, with nullopt, unsets) an environment variable for the scope; restores it afterwards.
class ScopedEnv {
  public:
    ScopedEnv(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) saved_ = old;
        if (value) {
            ::setenv(name_.c_str(), value->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }
    ~ScopedEnv() {
        if (saved_) {
            ::setenv(name_.c_str(), saved_->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    std::string name_;
    std::optional<std::string> saved_;
};

// The attributes of a span the gateway recorded or a collector decoded, as one list.
std::vector<telemetry::Attribute> attributes_of(const telemetry::Span& span) {
    return span.attributes.items();
}
const collector::AttributeList& attributes_of(const collector::StoredSpan& span) {
    return span.attributes;
}

template <class SpanLike>
std::string text(const SpanLike& span, std::string_view key) {
    std::optional<telemetry::AttributeValue> value;
    for (const auto& a : attributes_of(span)) {
        if (a.key.view() == key) value = a.value;
    }
    if (!value) return "<missing>";
    if (const auto* s = std::get_if<std::string>(&*value)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&*value)) return std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&*value)) return *b ? "true" : "false";
    if (const auto* d = std::get_if<double>(&*value)) return fmt::format("{}", *d);
    return "<array>";
}

std::size_t count_service(const std::vector<Span>& spans, std::string_view service) {
    std::size_t n = 0;
    for (const auto& span : spans) {
        if (span.service_name == service) ++n;
    }
    return n;
}

// A trace id whose random part (the low 8 bytes, what the ratio compares) is `low`.
TraceId trace_id_with_random_part(std::uint64_t low, std::uint8_t high_byte) {
    TraceId::Bytes bytes{};
    bytes[0] = high_byte;
    for (std::size_t i = 0; i < 8; ++i) bytes[15 - i] = static_cast<std::uint8_t>(low >> (8 * i));
    return TraceId(bytes);
}

std::string traceparent(const TraceId& id, std::string_view parent, bool sampled) {
    return fmt::format("00-{}-{}-{}", id.to_hex(), parent, sampled ? "01" : "00");
}

class TracingSamplingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        mock::MockOptions options;
        options.record_limit = 8192;  // every request of the biggest test
        mock_ = mock::MockProvider::start(options);
    }

    std::unique_ptr<RunningGateway> start(const std::string& tracing_yaml,
                                          telemetry::SpanSink* sink) {
        std::string extra =
            "model_aliases:\n  fast:\n    target: openai/gpt-4o-mini\n" + tracing_yaml;
        return RunningGateway::start(single_provider_yaml(mock_->base_url(), extra), {}, {},
                                     app::GatewayOptions{sink});
    }

    // The traceparent every upstream request carried (fails the test when one is missing).
    std::vector<telemetry::TraceParent> upstream_traceparents() {
        std::vector<telemetry::TraceParent> out;
        for (const auto& request : mock_->requests()) {
            auto header = request.headers.get("traceparent");
            EXPECT_TRUE(header.has_value()) << "an upstream request without traceparent";
            if (!header) continue;
            auto parsed = telemetry::parse_traceparent(*header);
            EXPECT_TRUE(parsed.has_value()) << "malformed upstream traceparent " << *header;
            if (parsed) out.push_back(*parsed);
        }
        return out;
    }

    std::unique_ptr<mock::MockProvider> mock_;
};

// (1) + root determinism: with random_sampling 10 and no client context, about a tenth of 2,000
// requests are recorded; exactly those whose trace id the ratio rule accepts, every one of which
// was sent upstream with the sampled flag; the others went upstream with flag 00.
TEST_F(TracingSamplingTest, TenPercentOfNewTracesAreRecordedDecidedByTheTraceId) {
    CollectingSink sink;
    auto gw = start("tracing:\n  random_sampling: 10\n", &sink);
    ASSERT_TRUE(gw);
    constexpr int kClients = 4;
    constexpr int kRequestsEach = 500;
    constexpr int kRequests = kClients * kRequestsEach;
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&] {
            TestConnection connection(gw->port());
            for (int i = 0; i < kRequestsEach; ++i) {
                if (connection.request("POST", "/v1/chat/completions", chat_body("gpt-4o-mini"))
                        .status == 200) {
                    ok.fetch_add(1);
                }
            }
        });
    }
    for (auto& t : clients) t.join();
    ASSERT_EQ(ok.load(), kRequests);

    auto upstream = upstream_traceparents();
    ASSERT_EQ(upstream.size(), static_cast<std::size_t>(kRequests));
    const telemetry::Sampler rule(10);
    std::set<std::string> sampled_ids;
    std::set<std::string> all_ids;
    for (const auto& parent : upstream) {
        all_ids.insert(parent.trace_id.to_hex());
        // The decision is the trace-id-ratio rule applied to the trace id the gateway generated.
        EXPECT_EQ(parent.sampled(), rule.ratio_sampled(parent.trace_id))
            << parent.trace_id.to_hex();
        if (parent.sampled()) sampled_ids.insert(parent.trace_id.to_hex());
    }
    EXPECT_EQ(all_ids.size(), static_cast<std::size_t>(kRequests)) << "every trace id is new";

    // Binomial(2000, 0.1): mean 200, sd ~13.4; 6 sd either side never fails by chance.
    const double mean = kRequests * 0.1;
    const double sd = std::sqrt(kRequests * 0.1 * 0.9);
    const auto sampled = static_cast<double>(sampled_ids.size());
    EXPECT_GE(sampled, mean - 6 * sd);
    EXPECT_LE(sampled, mean + 6 * sd);

    // One llm and one outbound span per recorded request, none for the others.
    auto spans = sink.wait_for(2 * sampled_ids.size());
    EXPECT_EQ(spans.size(), 2 * sampled_ids.size());
    EXPECT_EQ(count_service(spans, "plano(llm)"), sampled_ids.size());
    std::set<std::string> recorded_ids;
    for (const auto& span : spans) recorded_ids.insert(span.trace_id.to_hex());
    EXPECT_EQ(recorded_ids, sampled_ids);
}

// (2) parent-based: the client's flag decides whatever the ratio, even for trace ids the ratio
// would decide the other way. (3) unsampled requests still send the trace upstream, flag 00.
TEST_F(TracingSamplingTest, ClientFlagDecidesWhateverTheRatioAndUnsampledStillPropagates) {
    // Random part 2^64-1 is above every threshold below 100 %; 0 is below every one above 0 %.
    const TraceId ratio_says_no = trace_id_with_random_part(~0ULL, 0x5a);
    const TraceId ratio_says_yes = trace_id_with_random_part(0, 0xa5);
    constexpr int kEach = 5;
    for (double percent : {0.5, 10.0, 50.0, 99.9}) {
        SCOPED_TRACE(fmt::format("random_sampling {}", percent));
        const telemetry::Sampler rule(percent);
        ASSERT_FALSE(rule.ratio_sampled(ratio_says_no));
        ASSERT_TRUE(rule.ratio_sampled(ratio_says_yes));

        CollectingSink sink;
        auto gw = start(fmt::format("tracing:\n  random_sampling: {}\n", percent), &sink);
        ASSERT_TRUE(gw);
        const std::size_t upstream_before = mock_->requests().size();
        for (int i = 0; i < kEach; ++i) {  // unsampled first: their spans would come first
            Headers headers;
            headers.add("traceparent", traceparent(ratio_says_yes, "00f067aa0ba902b7", false));
            headers.add("tracestate", "vendor=unsampled");
            ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions",
                                chat_body("gpt-4o-mini", i % 2 == 0), headers)
                          .status,
                      200);
        }
        for (int i = 0; i < kEach; ++i) {
            Headers headers;
            headers.add("traceparent", traceparent(ratio_says_no, "b7ad6b7169203331", true));
            ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions",
                                chat_body("gpt-4o-mini", i % 2 == 0), headers)
                          .status,
                      200);
        }
        auto spans = sink.wait_for(2 * kEach);
        EXPECT_EQ(spans.size(), static_cast<std::size_t>(2 * kEach));
        EXPECT_EQ(count_service(spans, "plano(llm)"), static_cast<std::size_t>(kEach));
        for (const auto& span : spans) {
            EXPECT_EQ(span.trace_id, ratio_says_no) << "only the flag-01 trace is recorded";
            if (span.service_name == "plano(llm)") {
                ASSERT_TRUE(span.parent_span_id.has_value());
                EXPECT_EQ(span.parent_span_id->to_hex(), "b7ad6b7169203331");
            }
        }

        auto requests = mock_->requests();
        ASSERT_EQ(requests.size(), upstream_before + 2 * kEach);
        for (std::size_t i = upstream_before; i < upstream_before + kEach; ++i) {
            auto parent =
                telemetry::parse_traceparent(requests[i].headers.get("traceparent").value_or(""));
            ASSERT_TRUE(parent.has_value()) << "unsampled request " << i << " lost its context";
            EXPECT_EQ(parent->trace_id, ratio_says_yes);
            EXPECT_FALSE(parent->sampled());
            EXPECT_EQ(requests[i].headers.get("tracestate"), "vendor=unsampled");
        }
        for (std::size_t i = upstream_before + kEach; i < requests.size(); ++i) {
            auto parent =
                telemetry::parse_traceparent(requests[i].headers.get("traceparent").value_or(""));
            ASSERT_TRUE(parent.has_value());
            EXPECT_EQ(parent->trace_id, ratio_says_no);
            EXPECT_TRUE(parent->sampled());
        }
    }
}

// (4) span_attributes: static values, then headers matching a prefix (case-insensitive on both
// sides, prefix removed, '-' -> '.'), a header beating a static value, on the llm AND the
// outbound span; headers that match no prefix, and credential headers, are not copied.
TEST_F(TracingSamplingTest, CustomAttributesOnEverySpanOfTheRequest) {
    CollectingSink sink;
    auto gw = start(
        "tracing:\n  random_sampling: 100\n  span_attributes:\n"
        "    header_prefixes: [x-katanemo-, X-Custom-, x-api-]\n"
        "    static:\n      environment: test\n      user.id: static-user\n"
        "      deployment.region: eu-1\n",
        &sink);
    ASSERT_TRUE(gw);
    Headers headers;
    headers.add("X-KATANEMO-User-Id", "u-42");       // overrides the static user.id
    headers.add("x-custom-a-b-c", "abc");            // every '-' becomes '.'
    headers.add("x-Custom-Session", "s-1");          // prefix matched case-insensitively
    headers.add("x-other-thing", "not-copied");      // no matching prefix
    headers.add("x-katanemoextra", "not-copied-2");  // the prefix includes its trailing '-'
    headers.add("x-api-key", "not-copied-3");  // credentials never, even when a prefix matches
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("fast"), headers).status,
              200);
    auto spans = sink.wait_for(2);
    ASSERT_EQ(spans.size(), 2u);
    for (const auto& span : spans) {
        SCOPED_TRACE(span.service_name);
        EXPECT_EQ(text(span, "environment"), "test");
        EXPECT_EQ(text(span, "deployment.region"), "eu-1");
        EXPECT_EQ(text(span, "user.id"), "u-42");
        EXPECT_EQ(text(span, "a.b.c"), "abc");
        EXPECT_EQ(text(span, "session"), "s-1");
        for (const auto& a : attributes_of(span)) {
            auto value = text(span, a.key.view());
            EXPECT_NE(value, "not-copied") << a.key.view();
            EXPECT_NE(value, "not-copied-2") << a.key.view();
            EXPECT_NE(value, "not-copied-3") << a.key.view();
        }
    }
    EXPECT_EQ(count_service(spans, "plano(llm)"), 1u);
    EXPECT_EQ(count_service(spans, "plano(outbound)"), 1u);
}

// An in-process OTLP/gRPC collector for the gateway's own exporter: a CallbackGenericService that
// decodes every unary call and answers OK with an empty ExportTraceServiceResponse.
class GrpcTraceReceiver final : public grpc::CallbackGenericService {
  public:
    struct Call {
        std::string method;
        std::multimap<std::string, std::string> metadata;
        std::vector<collector::StoredSpan> spans;
        bool decoded = false;
    };

    GrpcTraceReceiver() {
        grpc::ServerBuilder builder;
        builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
        builder.RegisterCallbackGenericService(this);
        server_ = builder.BuildAndStart();
    }
    ~GrpcTraceReceiver() override {
        if (server_) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
    }
    GrpcTraceReceiver(const GrpcTraceReceiver&) = delete;
    GrpcTraceReceiver& operator=(const GrpcTraceReceiver&) = delete;

    [[nodiscard]] int port() const { return port_; }
    bool wait_for_spans(const std::function<bool(const std::vector<collector::StoredSpan>&)>& ok) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, kWaitLimit, [&] { return ok(spans_); });
    }
    std::vector<Call> calls() {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    std::vector<collector::StoredSpan> spans() {
        std::lock_guard lock(mutex_);
        return spans_;
    }

  private:
    class Reactor final : public grpc::ServerGenericBidiReactor {
      public:
        Reactor(GrpcTraceReceiver& owner, grpc::GenericCallbackServerContext* context)
            : owner_(owner), context_(context) {
            StartRead(&request_);
        }
        void OnReadDone(bool ok) override {
            if (!ok) {
                Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request"));
                return;
            }
            owner_.record(context_, request_);
            StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
        }
        void OnDone() override { delete this; }

      private:
        GrpcTraceReceiver& owner_;
        grpc::GenericCallbackServerContext* context_;
        grpc::ByteBuffer request_;
        grpc::ByteBuffer response_{grpc::ByteBuffer(nullptr, 0)};
    };

    grpc::ServerGenericBidiReactor* CreateReactor(
        grpc::GenericCallbackServerContext* context) override {
        return new Reactor(*this, context);
    }

    void record(grpc::GenericCallbackServerContext* context, const grpc::ByteBuffer& request) {
        std::vector<grpc::Slice> slices;
        std::string bytes;
        if (request.Dump(&slices).ok()) {
            for (const auto& slice : slices) {
                bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
            }
        }
        Call call;
        call.method = context->method();
        for (const auto& [key, value] : context->client_metadata()) {
            call.metadata.emplace(std::string(key.data(), key.size()),
                                  std::string(value.data(), value.size()));
        }
        auto decoded = collector::decode_export_request(bytes);
        call.decoded = decoded.has_value();
        std::lock_guard lock(mutex_);
        if (decoded) spans_.insert(spans_.end(), decoded->begin(), decoded->end());
        calls_.push_back(std::move(call));
        changed_.notify_all();
    }

    int port_ = 0;
    std::unique_ptr<grpc::Server> server_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<Call> calls_;
    std::vector<collector::StoredSpan> spans_;
};

const collector::StoredSpan* find_llm(const std::vector<collector::StoredSpan>& spans,
                                      const std::string& trace_id) {
    for (const auto& span : spans) {
        if (span.service_name == "plano(llm)" && span.trace_id.to_hex() == trace_id) return &span;
    }
    return nullptr;
}

// (6) nothing injected: `opentracing_grpc_endpoint` in the config makes the gateway ship its spans
// over OTLP/gRPC (with the OTEL_EXPORTER_OTLP_HEADERS metadata) to the TraceService Export method.
TEST_F(TracingSamplingTest, OpentracingGrpcEndpointReceivesTheSpansOverGrpc) {
    GrpcTraceReceiver receiver;
    ASSERT_NE(receiver.port(), 0);
    // Only the config may choose transport and endpoint here.
    ScopedEnv e1("OTEL_EXPORTER_OTLP_ENDPOINT", std::nullopt);
    ScopedEnv e2("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", std::nullopt);
    ScopedEnv e3("OTEL_EXPORTER_OTLP_PROTOCOL", std::nullopt);
    ScopedEnv e4("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", std::nullopt);
    ScopedEnv e5("OTEL_EXPORTER_OTLP_TRACES_HEADERS", std::nullopt);
    ScopedEnv headers_env("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=grpc-secret");
    ScopedEnv delay("OTEL_BSP_SCHEDULE_DELAY", "20");
    auto gw = start(fmt::format("tracing:\n  random_sampling: 100\n"
                                "  opentracing_grpc_endpoint: http://127.0.0.1:{}\n",
                                receiver.port()),
                    nullptr);
    ASSERT_TRUE(gw);

    const std::string client_trace = "0af7651916cd43dd8448eb211c80319c";
    Headers traced;
    traced.add("traceparent", "00-" + client_trace + "-b7ad6b7169203331-01");
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("fast"), traced).status, 200);
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini", true)).status,
              200);
    const std::string failing_trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    Headers fault;
    fault.add("traceparent", "00-" + failing_trace + "-00f067aa0ba902b7-01");
    fault.add("x-mock-status", "503");
    ASSERT_EQ(http_post(gw->port(), "/v1/chat/completions", chat_body("gpt-4o-mini"), fault).status,
              503);

    ASSERT_TRUE(receiver.wait_for_spans([&](const auto& spans) {
        std::size_t llm = 0;
        for (const auto& s : spans) {
            if (s.service_name == "plano(llm)") ++llm;
        }
        return llm >= 3 && spans.size() >= 6;
    })) << "received "
        << receiver.spans().size() << " spans";

    for (const auto& call : receiver.calls()) {
        EXPECT_EQ(call.method, exporter::kOtlpGrpcExportMethod);
        EXPECT_TRUE(call.decoded);
        auto key = call.metadata.find("x-api-key");
        ASSERT_NE(key, call.metadata.end());
        EXPECT_EQ(key->second, "grpc-secret");
    }
    auto spans = receiver.spans();
    std::set<std::string> services;
    for (const auto& span : spans) services.insert(span.service_name);
    EXPECT_EQ(services, (std::set<std::string>{"plano(llm)", "plano(outbound)"}));

    const auto* llm = find_llm(spans, client_trace);
    ASSERT_TRUE(llm);
    EXPECT_EQ(llm->name, "POST /v1/chat/completions fast -> openai/gpt-4o-mini");
    EXPECT_EQ(llm->kind, telemetry::SpanKind::Server);
    ASSERT_TRUE(llm->parent_span_id.has_value());
    EXPECT_EQ(llm->parent_span_id->to_hex(), "b7ad6b7169203331");
    EXPECT_EQ(text(*llm, "http.status_code"), "200");
    bool outbound_found = false;
    for (const auto& span : spans) {
        if (span.service_name != "plano(outbound)" || span.trace_id != llm->trace_id) continue;
        outbound_found = true;
        EXPECT_EQ(span.kind, telemetry::SpanKind::Client);
        ASSERT_TRUE(span.parent_span_id.has_value());
        EXPECT_EQ(*span.parent_span_id, llm->span_id);
    }
    EXPECT_TRUE(outbound_found);

    const auto* failed = find_llm(spans, failing_trace);
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->status.code, telemetry::StatusCode::Error);
    EXPECT_EQ(text(*failed, "http.status_code"), "503");
}

}  // namespace
}  // namespace gw::testing
