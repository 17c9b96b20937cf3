#include "gw/collector/otlp_http_receiver.hpp"

#include "gw/base/headers.hpp"
#include "gw/collector/gzip.hpp"
#include "gw/collector/otlp_ingest.hpp"
#include "gw/http/request_handler.hpp"
#include "gw/telemetry/protobuf_wire.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace gw::collector {
namespace {

namespace wire = telemetry::wire;

constexpr std::string_view kTracesPath = "/v1/traces";
// google.rpc.Code values used in the Status bodies.
constexpr int kInvalidArgument = 3;
constexpr int kUnavailable = 14;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The media type without parameters ("application/json; charset=utf-8" -> "application/json").
std::optional<PayloadFormat> payload_format(std::string_view content_type) {
    std::string_view media = trim(content_type.substr(0, content_type.find(';')));
    if (iequals(media, "application/x-protobuf")) return PayloadFormat::Protobuf;
    if (iequals(media, "application/json")) return PayloadFormat::Json;
    return std::nullopt;
}

std::string_view content_type_of(PayloadFormat format) {
    return format == PayloadFormat::Protobuf ? "application/x-protobuf" : "application/json";
}

// An empty ExportTraceServiceResponse: no bytes in protobuf, an empty object in JSON.
std::string_view empty_export_response(PayloadFormat format) {
    return format == PayloadFormat::Protobuf ? std::string_view{} : std::string_view{"{}"};
}

// google.rpc.Status{code = 1, message = 2}, as the OTLP/HTTP specification asks for errors.
std::string status_body(PayloadFormat format, int code, std::string_view message) {
    if (format == PayloadFormat::Json) {
        boost::json::object status;
        status["code"] = code;
        status["message"] = message;
        return boost::json::serialize(status);
    }
    auto code_value = static_cast<std::uint64_t>(code);
    std::string out(
        wire::varint_field_size(1, code_value) + wire::len_field_size(2, message.size()), '\0');
    wire::Writer writer(out.data());
    writer.varint_field(1, code_value);
    writer.bytes_field(2, message);
    return out;
}

struct Reply {
    int status = 200;
    Headers headers;
    std::string body;
};

Reply text_reply(int status, std::string text) {
    Reply reply{status, {}, std::move(text)};
    reply.headers.add("Content-Type", "text/plain; charset=utf-8");
    return reply;
}

Reply typed_reply(int status, PayloadFormat format, std::string body) {
    Reply reply{status, {}, std::move(body)};
    reply.headers.add("Content-Type", std::string(content_type_of(format)));
    return reply;
}

class OtlpHttpHandler final : public http::RequestHandler {
  public:
    OtlpHttpHandler(IngestQueue& queue, HttpReceiverOptions options)
        : queue_(queue), options_(options) {}

    boost::asio::awaitable<void> handle(http::ServerRequest& request,
                                        http::ResponseWriter& response,
                                        std::size_t /*worker*/) override {
        Reply reply = route(request);
        co_await response.send(reply.status, reply.headers, reply.body);
    }

  private:
    Reply route(http::ServerRequest& request) {
        std::string_view path = request.path();
        if (path == "/healthz" && request.method == "GET") return text_reply(200, "ok\n");
        if (path != kTracesPath) {
            return text_reply(404, fmt::format("no such endpoint: {}; OTLP/HTTP traces go to "
                                               "POST {}\n",
                                               path, kTracesPath));
        }
        if (request.method != "POST") {
            Reply reply = text_reply(405, fmt::format("{} takes POST only\n", kTracesPath));
            reply.headers.add("Allow", "POST");
            return reply;
        }
        return export_traces(request);
    }

    Reply export_traces(http::ServerRequest& request) {
        std::optional<PayloadFormat> format =
            payload_format(request.headers.get("Content-Type").value_or(""));
        if (!format) {
            return text_reply(415,
                              "unsupported Content-Type: send application/x-protobuf or "
                              "application/json\n");
        }
        std::string_view encoding = trim(request.headers.get("Content-Encoding").value_or(""));
        std::string inflated;
        std::string_view payload = request.body;
        if (iequals(encoding, "gzip")) {
            Result<std::string> body = gunzip(request.body, options_.max_inflated_bytes);
            if (!body) {
                int status = body.error().kind == Error::Kind::LimitExceeded ? 413 : 400;
                return typed_reply(status, *format,
                                   status_body(*format, kInvalidArgument, body.error().message));
            }
            inflated = std::move(*body);
            payload = inflated;
        } else if (!encoding.empty() && !iequals(encoding, "identity")) {
            return text_reply(415, fmt::format("unsupported Content-Encoding '{}': send gzip or "
                                               "identity\n",
                                               encoding));
        }
        return reply_for(ingest_export(payload, *format, queue_), *format);
    }

    static Reply reply_for(const IngestOutcome& outcome, PayloadFormat format) {
        switch (outcome.status) {
            case IngestStatus::Stored:
                return typed_reply(200, format, std::string(empty_export_response(format)));
            case IngestStatus::Invalid:
                return typed_reply(400, format,
                                   status_body(format, kInvalidArgument, outcome.message));
            case IngestStatus::Unavailable:
                break;
        }
        Reply reply = typed_reply(503, format, status_body(format, kUnavailable, outcome.message));
        reply.headers.add("Retry-After", "1");
        return reply;
    }

    IngestQueue& queue_;
    HttpReceiverOptions options_;
};

}  // namespace

std::unique_ptr<http::RequestHandler> make_otlp_http_handler(IngestQueue& queue,
                                                             HttpReceiverOptions options) {
    return std::make_unique<OtlpHttpHandler>(queue, options);
}

}  // namespace gw::collector
