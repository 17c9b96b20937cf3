#include "gw/mock/router.hpp"

#include <fmt/format.h>

#include <optional>

namespace gw::mock {
namespace {

// By the path's end, so one mock stands in for providers with other prefixes (groq's
// /openai/v1/chat/completions, a base_url path such as /ai-gateway/openai/chat/completions).
std::optional<MockApi> completion_api(std::string_view path) {
    if (path.ends_with("/chat/completions")) return MockApi::ChatCompletions;
    if (path.ends_with("/messages")) return MockApi::Messages;
    if (path.ends_with("/responses")) return MockApi::Responses;
    if (path.ends_with("/converse") || path.ends_with("/converse-stream")) return MockApi::Converse;
    return std::nullopt;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// /model/<percent-encoded id>/converse[-stream] -> the id, decoded (a bad escape stays as is).
std::string converse_model(std::string_view path) {
    const size_t at = path.find("/model/");
    if (at == std::string_view::npos) return {};
    std::string_view id = path.substr(at + 7);
    id = id.substr(0, id.rfind('/'));
    std::string out;
    for (size_t i = 0; i < id.size(); ++i) {
        const int high = id[i] == '%' && i + 1 < id.size() ? hex_digit(id[i + 1]) : -1;
        const int low = high >= 0 && i + 2 < id.size() ? hex_digit(id[i + 2]) : -1;
        if (low < 0) {
            out.push_back(id[i]);
            continue;
        }
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return out;
}

PlannedResponse body_response(unsigned status, std::string_view content_type, std::string body) {
    PlannedResponse out;
    out.status = status;
    out.content_type = content_type;
    out.body = std::move(body);
    return out;
}

PlannedResponse error(MockApi api, unsigned status, std::string_view message) {
    auto out = body_response(status, "application/json", render_error(api, status, message));
    if (status == 429) out.extra_headers.emplace_back("retry-after", "7");
    return out;
}

PlannedResponse completion(MockApi api, std::string_view path, std::string_view body,
                           const FaultScript& script, uint64_t seq) {
    auto request =
        api == MockApi::Converse
            ? parse_converse_request(converse_model(path), path.ends_with("/converse-stream"), body)
            : parse_request(api, body);
    if (!request) return error(api, 400, request.error().message);
    const Completion reply = make_completion(api, *request, script, seq);
    if (!request->stream) return body_response(200, "application/json", render_body(reply));
    PlannedResponse out;
    out.content_type =
        api == MockApi::Converse ? "application/vnd.amazon.eventstream" : "text/event-stream";
    out.stream = true;
    out.frames = render_stream(reply);
    out.extra_headers.emplace_back("cache-control", "no-cache");
    return out;
}

}  // namespace

PlannedResponse plan_response(std::string_view method, std::string_view target,
                              std::string_view body, const FaultScript& script, uint64_t seq) {
    const std::string_view path = target.substr(0, target.find('?'));
    const auto api = completion_api(path);
    if (script.status) {
        return error(api.value_or(MockApi::ChatCompletions), *script.status,
                     fmt::format("plano-mock scripted error {}", *script.status));
    }
    if (api && method == "POST") return completion(*api, path, body, script, seq);
    if (path == "/v1/models" && method == "GET") {
        return body_response(200, "application/json", render_models());
    }
    if (path == "/healthz" && method == "GET") return body_response(200, "text/plain", "ok");
    // An OTLP/HTTP sink that accepts and discards spans (an empty ExportTraceServiceResponse), so
    // demos and the bench can export without running a collector.
    if (path == "/v1/traces" && method == "POST") {
        return body_response(200, "application/x-protobuf", "");
    }
    const bool known = api || path == "/v1/models" || path == "/healthz" || path == "/v1/traces";
    if (known) return error(MockApi::ChatCompletions, 405, "method not allowed");
    return error(MockApi::ChatCompletions, 404, fmt::format("no route for {}", path));
}

}  // namespace gw::mock
