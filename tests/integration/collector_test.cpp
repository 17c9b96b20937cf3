// The built-in trace collector over real sockets: spans from our own exporters (OTLP/HTTP and
// OTLP/gRPC), hand-written JSON and gzip bodies, malformed and randomly mutated payloads, full
// queues, concurrent clients, restarts and port conflicts. Everything on 127.0.0.1:0 with the
// store in a temporary directory.

#include "gw/collector/collector_server.hpp"
#include "gw/collector/otlp_decode.hpp"
#include "gw/collector/otlp_grpc_receiver.hpp"
#include "gw/collector/otlp_json_decode.hpp"
#include "gw/collector/sqlite_trace_store.hpp"
#include "gw/exporter/otlp_grpc_exporter.hpp"
#include "gw/exporter/otlp_http_exporter.hpp"
#include "gw/telemetry/otlp_encode.hpp"

#include <fmt/format.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include "http_test_client.hpp"
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <zlib.h>

namespace gw::testing {
namespace {

namespace fs = std::filesystem;
using collector::CollectorOptions;
using collector::CollectorPorts;
using collector::CollectorServer;
using collector::StoredSpan;
using collector::StoredTrace;

constexpr std::string_view kExportMethod =
    "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gw-collector-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] fs::path db() const { return path_ / "traces.db"; }

  private:
    fs::path path_;
};

CollectorOptions any_ports() {
    CollectorOptions options;
    options.grpc_port = 0;
    options.http_port = 0;
    return options;
}

std::unique_ptr<collector::TraceStore> open_store(const fs::path& db) {
    auto store = collector::SqliteTraceStore::open({.path = db});
    EXPECT_TRUE(store) << (store ? "" : store.error().message);
    return store ? std::move(*store) : nullptr;
}

// A running collector; the test talks to `ports`.
struct Running {
    std::unique_ptr<CollectorServer> server;
    CollectorPorts ports;

    static Running start(const fs::path& db, CollectorOptions options = any_ports()) {
        return start_with(open_store(db), std::move(options));
    }
    static Running start_with(std::unique_ptr<collector::TraceStore> store,
                              CollectorOptions options) {
        Running running;
        running.server = std::make_unique<CollectorServer>(std::move(store), std::move(options));
        auto ports = running.server->start();
        EXPECT_TRUE(ports) << (ports ? "" : ports.error().message);
        if (ports) running.ports = *ports;
        return running;
    }
};

std::vector<StoredTrace> stored_traces(const fs::path& db) {
    auto store = open_store(db);
    auto traces = store->query({});
    EXPECT_TRUE(traces);
    return traces ? std::move(*traces) : std::vector<StoredTrace>{};
}

std::size_t stored_span_count(const fs::path& db) {
    std::size_t count = 0;
    for (const auto& trace : stored_traces(db)) count += trace.spans.size();
    return count;
}

const StoredSpan* find_span(const std::vector<StoredTrace>& traces, std::string_view name) {
    for (const auto& trace : traces) {
        for (const auto& span : trace.spans) {
            if (span.name == name) return &span;
        }
    }
    return nullptr;
}

std::optional<telemetry::AttributeValue> attribute(const collector::AttributeList& list,
                                                   std::string_view key) {
    for (const auto& a : list) {
        if (a.key == key) return a.value;
    }
    return std::nullopt;
}

telemetry::Span gateway_span(std::string name, std::string service) {
    telemetry::Span span;
    span.trace_id = telemetry::TraceId::random();
    span.span_id = telemetry::SpanId::random();
    span.name = std::move(name);
    span.kind = telemetry::SpanKind::Client;
    span.service_name = std::move(service);
    span.start_time = telemetry::unix_now();
    span.end_time = span.start_time + std::chrono::milliseconds(12);
    span.attributes.set("gen_ai.request.model", "gpt-4o-mini");
    span.attributes.set("http.status_code", 502);
    span.set_error("upstream unreachable");
    return span;
}

std::string encoded(std::size_t spans, std::string_view service = "plano(llm)") {
    std::vector<telemetry::Span> batch;
    for (std::size_t i = 0; i < spans; ++i) {
        batch.push_back(gateway_span(fmt::format("span {}", i), std::string(service)));
    }
    return telemetry::encode_export_request(batch);
}

std::string json_export(std::string_view trace_id, std::string_view span_id) {
    return fmt::format(
        R"({{"resourceSpans":[{{"resource":{{"attributes":[{{"key":"service.name","value":)"
        R"({{"stringValue":"json-svc"}}}}]}},"scopeSpans":[{{"spans":[{{"traceId":"{}",)"
        R"("spanId":"{}","name":"GET /json","kind":2,"startTimeUnixNano":"1700000000000000000",)"
        R"("endTimeUnixNano":"1700000000500000000","attributes":[{{"key":"http.status_code",)"
        R"("value":{{"intValue":"200"}}}}],"status":{{"code":1}}}}]}}]}}]}})",
        trace_id, span_id);
}

std::string gzip(const std::string& plain) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, plain.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    z.avail_in = static_cast<uInt>(plain.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

Headers content(std::string_view type, std::string_view encoding = {}) {
    Headers headers;
    headers.add("Content-Type", std::string(type));
    if (!encoding.empty()) headers.add("Content-Encoding", std::string(encoding));
    return headers;
}

const Headers kProtobuf = content("application/x-protobuf");
const Headers kJson = content("application/json");

// One unary call through a generic stub, as our OTLP/gRPC exporter makes it.
class GrpcClient {
  public:
    explicit GrpcClient(std::uint16_t port)
        : channel_(grpc::CreateChannel(fmt::format("127.0.0.1:{}", port),
                                       grpc::InsecureChannelCredentials())),
          stub_(channel_) {}

    grpc::Status call(const std::string& bytes, std::string_view method = kExportMethod) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        grpc::Slice slice(bytes.data(), bytes.size());
        grpc::ByteBuffer request(&slice, 1);
        grpc::ByteBuffer response;
        std::promise<grpc::Status> done;
        stub_.UnaryCall(&context, std::string(method), grpc::StubOptions(), &request, &response,
                        [&done](grpc::Status status) { done.set_value(std::move(status)); });
        return done.get_future().get();
    }

  private:
    std::shared_ptr<grpc::Channel> channel_;
    grpc::GenericStub stub_;
};

exporter::ExporterSettings fast_export(exporter::ExportProtocol protocol, std::string endpoint) {
    exporter::ExporterSettings settings;
    settings.protocol = protocol;
    settings.endpoint = std::move(endpoint);
    settings.schedule_delay = std::chrono::milliseconds(20);
    return settings;
}

void expect_gateway_span(const std::vector<StoredTrace>& traces, std::string_view name,
                         std::string_view service) {
    const StoredSpan* span = find_span(traces, name);
    ASSERT_NE(span, nullptr) << name;
    EXPECT_EQ(span->kind, telemetry::SpanKind::Client);
    EXPECT_EQ(span->service_name, service);
    EXPECT_EQ(attribute(span->resource_attributes, "service.name"),
              telemetry::AttributeValue(std::string(service)));
    EXPECT_EQ(attribute(span->attributes, "gen_ai.request.model"),
              telemetry::AttributeValue(std::string("gpt-4o-mini")));
    EXPECT_EQ(attribute(span->attributes, "http.status_code"),
              telemetry::AttributeValue(std::int64_t{502}));
    EXPECT_EQ(span->status.code, telemetry::StatusCode::Error);
    EXPECT_EQ(span->status.message, "upstream unreachable");
    EXPECT_EQ(span->end_time - span->start_time, std::chrono::milliseconds(12));
}

void export_through(exporter::Exporter& exporter, const std::vector<std::string>& names,
                    std::string_view service) {
    exporter.start();
    for (const auto& name : names)
        ASSERT_TRUE(exporter.submit(gateway_span(name, std::string(service))));
    exporter.shutdown(std::chrono::steady_clock::now() + std::chrono::seconds(30));
    EXPECT_EQ(exporter.stats().exported_spans, names.size());
}

TEST(Collector, StoresSpansFromOurOtlpHttpExporter) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    exporter::OtlpHttpExporter exporter(
        fast_export(exporter::ExportProtocol::HttpProtobuf,
                    fmt::format("http://127.0.0.1:{}/v1/traces", collector.ports.http)));
    export_through(exporter, {"POST /v1/chat/completions gpt-4o-mini", "POST api.openai.com"},
                   "plano(llm)");
    ASSERT_TRUE(collector.server->queue().wait_idle());
    auto traces = stored_traces(dir.db());
    EXPECT_EQ(traces.size(), 2u);
    expect_gateway_span(traces, "POST /v1/chat/completions gpt-4o-mini", "plano(llm)");
    expect_gateway_span(traces, "POST api.openai.com", "plano(llm)");
}

TEST(Collector, StoresSpansFromOurOtlpGrpcExporter) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    exporter::OtlpGrpcExporter exporter(fast_export(
        exporter::ExportProtocol::Grpc, fmt::format("http://127.0.0.1:{}", collector.ports.grpc)));
    std::vector<std::string> names;
    for (int i = 0; i < 300; ++i) names.push_back(fmt::format("grpc span {}", i));
    export_through(exporter, names, "plano(outbound)");
    ASSERT_TRUE(collector.server->queue().wait_idle());
    auto traces = stored_traces(dir.db());
    EXPECT_EQ(traces.size(), 300u);
    expect_gateway_span(traces, "grpc span 0", "plano(outbound)");
    expect_gateway_span(traces, "grpc span 299", "plano(outbound)");
}

TEST(Collector, StoresOtlpJsonAndGzippedBodies) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    std::string json = json_export("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174");
    auto plain = http_post(collector.ports.http, "/v1/traces", json,
                           content("application/json; charset=utf-8"));
    EXPECT_EQ(plain.status, 200);
    EXPECT_EQ(plain.body, "{}") << "an empty ExportTraceServiceResponse in JSON";
    EXPECT_EQ(plain.headers.get("Content-Type"), "application/json");

    std::string gz_json = json_export("5b8efff798038103d269b633813fc60d", "eee19b7ec3c1b175");
    EXPECT_EQ(http_post(collector.ports.http, "/v1/traces", gzip(gz_json),
                        content("application/json", "gzip"))
                  .status,
              200);
    auto gz_proto = http_post(collector.ports.http, "/v1/traces", gzip(encoded(3)),
                              content("application/x-protobuf", "gzip"));
    EXPECT_EQ(gz_proto.status, 200);
    EXPECT_EQ(gz_proto.body, "") << "an empty ExportTraceServiceResponse in protobuf";
    EXPECT_EQ(gz_proto.headers.get("Content-Type"), "application/x-protobuf");

    ASSERT_TRUE(collector.server->queue().wait_idle());
    auto traces = stored_traces(dir.db());
    EXPECT_EQ(traces.size(), 5u);
    const StoredSpan* span = find_span(traces, "GET /json");
    ASSERT_NE(span, nullptr);
    EXPECT_EQ(span->service_name, "json-svc");
    EXPECT_EQ(span->kind, telemetry::SpanKind::Server);
    EXPECT_EQ(span->status.code, telemetry::StatusCode::Ok);
    EXPECT_EQ(attribute(span->attributes, "http.status_code"),
              telemetry::AttributeValue(std::int64_t{200}));
}

struct BadBody {
    std::string what;
    Headers headers;
    std::string body;
};

std::vector<BadBody> malformed_http_bodies() {
    std::string valid = encoded(4);
    std::string json = json_export("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174");
    std::string wrong_type = json;
    wrong_type.replace(wrong_type.find("\"kind\":2"), 8, "\"kind\":[2]");
    return {
        {"truncated protobuf", kProtobuf, valid.substr(0, valid.size() - 7)},
        {"garbage protobuf", kProtobuf, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"},
        {"JSON sent as protobuf", kProtobuf, json},
        {"truncated JSON", kJson, json.substr(0, json.size() / 2)},
        {"garbage JSON", kJson, "{{{{not json"},
        {"JSON with a wrong type", kJson, wrong_type},
        {"JSON with a short trace id", kJson, json_export("5b8e", "eee19b7ec3c1b174")},
        {"broken gzip", content("application/x-protobuf", "gzip"), "\x1f\x8b\x08garbage"},
        {"truncated gzip", content("application/x-protobuf", "gzip"), gzip(valid).substr(0, 20)},
    };
}

TEST(Collector, RefusesMalformedHttpExportsAndKeepsServing) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    TestConnection connection(collector.ports.http);
    for (const BadBody& bad : malformed_http_bodies()) {
        auto response = connection.request("POST", "/v1/traces", bad.body, bad.headers);
        EXPECT_EQ(response.status, 400) << bad.what;
        EXPECT_EQ(response.headers.get("Content-Type"), bad.headers.get("Content-Type"))
            << bad.what;
        EXPECT_FALSE(response.body.empty()) << bad.what << ": the Status says what was wrong";
    }
    auto json_error = connection.request("POST", "/v1/traces", "[1,2", kJson);
    EXPECT_NE(json_error.body.find("\"code\":3"), std::string::npos) << json_error.body;
    EXPECT_NE(json_error.body.find("malformed OTLP/JSON"), std::string::npos) << json_error.body;
    auto proto_error = connection.request("POST", "/v1/traces", "\x0a\x05", kProtobuf);
    EXPECT_EQ(proto_error.body.substr(0, 2), std::string("\x08\x03", 2)) << "Status.code = 3";
    EXPECT_NE(proto_error.body.find("malformed OTLP/protobuf"), std::string::npos);

    EXPECT_EQ(connection.request("POST", "/v1/traces", encoded(2), kProtobuf).status, 200);
    ASSERT_TRUE(collector.server->queue().wait_idle());
    EXPECT_EQ(stored_span_count(dir.db()), 2u) << "only the valid export was stored";
    EXPECT_EQ(collector.server->stats().accepted_batches, 1u);
}

TEST(Collector, AnswersOtherRequestsWithTheRightStatus) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    std::uint16_t port = collector.ports.http;
    EXPECT_EQ(http_post(port, "/v1/metrics", encoded(1), kProtobuf).status, 404);
    EXPECT_EQ(http_get(port, "/v1/traces").status, 405);
    EXPECT_EQ(http_post(port, "/v1/traces", encoded(1), content("text/plain")).status, 415);
    EXPECT_EQ(
        http_post(port, "/v1/traces", encoded(1), content("application/x-protobuf", "br")).status,
        415);
    EXPECT_EQ(http_get(port, "/healthz").status, 200);
    EXPECT_EQ(http_post(port, "/v1/traces?x=1", encoded(1), kProtobuf).status, 200);
}

TEST(Collector, RefusesMalformedGrpcExportsAndKeepsServing) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    GrpcClient client(collector.ports.grpc);
    std::string valid = encoded(3);
    for (const std::string& bad :
         {valid.substr(0, valid.size() - 3), std::string("\xff\xff\xff"),
          json_export("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174")}) {
        grpc::Status status = client.call(bad);
        EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        EXPECT_NE(status.error_message().find("malformed OTLP/protobuf"), std::string::npos)
            << status.error_message();
    }
    EXPECT_EQ(client.call(valid, "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export")
                  .error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
    EXPECT_TRUE(client.call(valid).ok());
    ASSERT_TRUE(collector.server->queue().wait_idle());
    EXPECT_EQ(stored_span_count(dir.db()), 3u);
}

// Flips, inserts, deletes or truncates bytes of a valid payload.
std::string mutate(std::string payload, std::mt19937& rng) {
    std::uniform_int_distribution<int> edits(1, 4);
    for (int n = edits(rng); n > 0 && !payload.empty(); --n) {
        std::uniform_int_distribution<std::size_t> at(0, payload.size() - 1);
        std::uniform_int_distribution<int> byte(0, 255);
        switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
            case 0:
                payload[at(rng)] = static_cast<char>(byte(rng));
                break;
            case 1:
                payload.insert(at(rng), 1, static_cast<char>(byte(rng)));
                break;
            case 2:
                payload.erase(at(rng), std::uniform_int_distribution<std::size_t>(1, 8)(rng));
                break;
            default:
                payload.resize(at(rng));
                break;
        }
    }
    return payload;
}

struct Tally {
    std::size_t accepted = 0;
    std::size_t refused = 0;
    std::set<std::pair<std::string, std::string>> span_keys;  // of accepted exports

    void accept(const std::vector<StoredSpan>& spans) {
        ++accepted;
        for (const auto& s : spans) span_keys.emplace(s.trace_id.to_hex(), s.span_id.to_hex());
    }
};

// The receivers must agree with the decoder on every mutated payload: a valid one is stored
// whole, an invalid one is refused and stores nothing.
TEST(Collector, RandomMutationsAreStoredWholeOrRefusedWhole) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    std::mt19937 rng(20240611);
    Tally tally;
    TestConnection connection(collector.ports.http);
    std::string proto = encoded(3);
    for (int i = 0; i < 2000; ++i) {
        std::string body = mutate(proto, rng);
        auto decoded = collector::decode_export_request(body);
        int status = connection.request("POST", "/v1/traces", body, kProtobuf).status;
        ASSERT_EQ(status, decoded ? 200 : 400) << "case " << i;
        decoded ? tally.accept(*decoded) : void(++tally.refused);
    }
    std::string json = json_export("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174");
    for (int i = 0; i < 1500; ++i) {
        std::string body = mutate(json, rng);
        auto decoded = collector::decode_export_request_json(body);
        int status = connection.request("POST", "/v1/traces", body, kJson).status;
        ASSERT_EQ(status, decoded ? 200 : 400) << "JSON case " << i << ": " << body;
        decoded ? tally.accept(*decoded) : void(++tally.refused);
    }
    GrpcClient client(collector.ports.grpc);
    for (int i = 0; i < 500; ++i) {
        std::string body = mutate(proto, rng);
        auto decoded = collector::decode_export_request(body);
        grpc::StatusCode code = client.call(body).error_code();
        ASSERT_EQ(code, decoded ? grpc::StatusCode::OK : grpc::StatusCode::INVALID_ARGUMENT)
            << "gRPC case " << i;
        decoded ? tally.accept(*decoded) : void(++tally.refused);
    }
    EXPECT_GT(tally.refused, 1000u) << "the mutations must mostly break payloads";
    ASSERT_TRUE(collector.server->queue().wait_idle());
    std::set<std::pair<std::string, std::string>> stored;
    for (const auto& trace : stored_traces(dir.db())) {
        for (const auto& span : trace.spans) {
            stored.emplace(trace.trace_id.to_hex(), span.span_id.to_hex());
        }
    }
    EXPECT_EQ(stored, tally.span_keys);
    EXPECT_EQ(connection.request("POST", "/v1/traces", encoded(1), kProtobuf).status, 200);
}

TEST(Collector, ConcurrentExportersAndAReaderDoNotInterfere) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    constexpr int kExportsPerClient = 40;
    constexpr std::size_t kSpansPerExport = 5;
    std::atomic<bool> writing{true};
    std::atomic<int> failures{0};
    std::thread reader([&] {
        auto store = open_store(dir.db());
        std::size_t last = 0;
        while (writing.load()) {
            auto listed = store->list(0);
            if (!listed || listed->size() < last) ++failures;
            if (listed) last = listed->size();
        }
    });
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c) {
        clients.emplace_back([&] {
            TestConnection connection(collector.ports.http);
            for (int i = 0; i < kExportsPerClient; ++i) {
                if (connection.request("POST", "/v1/traces", encoded(kSpansPerExport), kProtobuf)
                        .status != 200)
                    ++failures;
            }
        });
        clients.emplace_back([&] {
            GrpcClient client(collector.ports.grpc);
            for (int i = 0; i < kExportsPerClient; ++i) {
                if (!client.call(encoded(kSpansPerExport)).ok()) ++failures;
            }
        });
    }
    for (auto& client : clients) client.join();
    EXPECT_TRUE(collector.server->queue().wait_idle());
    writing = false;
    reader.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(stored_span_count(dir.db()), 6 * kExportsPerClient * kSpansPerExport);
}

TEST(Collector, KeepsTracesAcrossARestart) {
    TempDir dir;
    {
        Running first = Running::start(dir.db());
        ASSERT_EQ(http_post(first.ports.http, "/v1/traces", encoded(4), kProtobuf).status, 200);
        first.server->stop();
    }
    EXPECT_EQ(stored_span_count(dir.db()), 4u);
    Running second = Running::start(dir.db());
    ASSERT_TRUE(GrpcClient(second.ports.grpc).call(encoded(2)).ok());
    second.server->stop();
    EXPECT_EQ(stored_span_count(dir.db()), 6u);
}

TEST(Collector, StopStoresEveryAcceptedExport) {
    TempDir dir;
    Running collector = Running::start(dir.db());
    TestConnection connection(collector.ports.http);
    for (int i = 0; i < 30; ++i) {
        ASSERT_EQ(connection.request("POST", "/v1/traces", encoded(20), kProtobuf).status, 200);
    }
    collector.server->stop();  // no wait_idle: stop itself must drain the queue
    EXPECT_EQ(stored_span_count(dir.db()), 600u);
}

TEST(Collector, RefusesAPortThatIsAlreadyTaken) {
    TempDir dir;
    Running first = Running::start(dir.db());
    TempDir other;
    for (bool grpc : {true, false}) {
        CollectorOptions options = any_ports();
        (grpc ? options.grpc_port : options.http_port) = grpc ? first.ports.grpc : first.ports.http;
        CollectorServer second(open_store(other.db()), options);
        auto started = second.start();
        ASSERT_FALSE(started);
        std::uint16_t port = grpc ? first.ports.grpc : first.ports.http;
        EXPECT_EQ(started.error().message,
                  fmt::format("port {} is already in use on 127.0.0.1 (is another collector "
                              "running? `planoai trace down` stops it)",
                              port));
    }
    // Without the probe, gRPC itself must refuse: SO_REUSEPORT would otherwise let it share.
    collector::IngestQueue queue(open_store(other.db()), {});
    auto receiver = collector::OtlpGrpcReceiver::start({"127.0.0.1", first.ports.grpc}, queue);
    EXPECT_FALSE(receiver);
    EXPECT_EQ(http_post(first.ports.http, "/v1/traces", encoded(1), kProtobuf).status, 200);
    EXPECT_TRUE(GrpcClient(first.ports.grpc).call(encoded(1)).ok());
}

// Holds every insert until opened, so the ingest queue fills deterministically.
class GatedStore final : public collector::TraceStore {
  public:
    explicit GatedStore(std::unique_ptr<collector::TraceStore> inner) : inner_(std::move(inner)) {}

    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        changed_.notify_all();
    }
    bool wait_until_held() {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::seconds(30), [this] { return held_; });
    }

    Result<void> insert(std::span<const StoredSpan> batch) override {
        {
            std::unique_lock lock(mutex_);
            held_ = true;
            changed_.notify_all();
            changed_.wait(lock, [this] { return open_; });
        }
        return inner_->insert(batch);
    }
    Result<std::vector<StoredTrace>> query(const collector::TraceQuery& q) override {
        return inner_->query(q);
    }
    Result<std::vector<collector::TraceSummary>> list(std::size_t limit) override {
        return inner_->list(limit);
    }
    Result<std::size_t> retain(const collector::RetentionPolicy& policy,
                               telemetry::UnixTime now) override {
        return inner_->retain(policy, now);
    }

  private:
    std::unique_ptr<collector::TraceStore> inner_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;
    bool held_ = false;
};

TEST(Collector, AFullQueueAsksClientsToRetryLater) {
    TempDir dir;
    auto gated = std::make_unique<GatedStore>(open_store(dir.db()));
    GatedStore& gate = *gated;
    CollectorOptions options = any_ports();
    options.ingest.max_queued_spans = 10;
    Running collector = Running::start_with(std::move(gated), options);
    std::uint16_t port = collector.ports.http;

    ASSERT_EQ(http_post(port, "/v1/traces", encoded(5), kProtobuf).status, 200);
    ASSERT_TRUE(gate.wait_until_held());  // the writer holds that one; the queue is empty
    ASSERT_EQ(http_post(port, "/v1/traces", encoded(10), kProtobuf).status, 200);
    auto full = http_post(port, "/v1/traces", encoded(1), kProtobuf);
    EXPECT_EQ(full.status, 503);
    EXPECT_EQ(full.headers.get("Retry-After"), "1");
    EXPECT_NE(full.body.find("queue is full"), std::string::npos);
    EXPECT_EQ(GrpcClient(collector.ports.grpc).call(encoded(1)).error_code(),
              grpc::StatusCode::UNAVAILABLE);
    EXPECT_EQ(collector.server->stats().rejected_batches, 2u);

    gate.open();
    ASSERT_TRUE(collector.server->queue().wait_idle());
    EXPECT_EQ(http_post(port, "/v1/traces", encoded(1), kProtobuf).status, 200);
    collector.server->stop();
    EXPECT_EQ(stored_span_count(dir.db()), 16u);
}

}  // namespace
}  // namespace gw::testing
