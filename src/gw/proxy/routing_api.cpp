#include "gw/proxy/routing_api.hpp"

#include "gw/json/request_scan.hpp"
#include "gw/json/writer.hpp"
#include "gw/proxy/llm_span.hpp"

#include <variant>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;

std::string invalid_request(std::string_view message) {
    std::string out;
    json::JsonWriter w(out);
    w.begin_object().key("error").begin_object();
    w.key("code").string("InvalidRequest").key("message").string(message);
    w.end_object().end_object();
    return out;
}

std::string internal_error(std::string_view reason) {
    std::string out;
    json::JsonWriter w(out);
    w.begin_object().key("error").begin_object();
    w.key("code").string("InternalServerError").key("message").string("Internal server error");
    w.key("details").begin_object().key("reason").string(reason).end_object();
    w.end_object().end_object();
    return out;
}

// No route and no pinned session: the reference's ["none"], so clients keep their own model.
std::string decision(const RouteChoice& choice, std::string_view trace_id) {
    std::string out;
    json::JsonWriter w(out);
    w.begin_object().key("models").begin_array();
    if (choice.route_name || choice.pinned) {
        for (const std::string& model : choice.models) w.string(model);
    } else {
        w.string("none");
    }
    w.end_array().key("route");
    if (choice.route_name) {
        w.string(*choice.route_name);
    } else {
        w.null();
    }
    w.key("trace_id").string(trace_id);
    if (choice.session_id) w.key("session_id").string(*choice.session_id);
    w.key("pinned").boolean(choice.pinned).key("switched").boolean(choice.switched);
    w.end_object();
    return out;
}

asio::awaitable<void> send_json(http::ResponseWriter& out, LlmSpanRecorder& span, int status,
                                const std::string& body) {
    span.on_status(status);
    Headers headers;
    headers.add("Content-Type", "application/json");
    co_await out.send(status, headers, body);
}

}  // namespace

std::optional<llm::ApiFormat> routing_api_for(std::string_view path) {
    if (path == "/routing/v1/chat/completions") return llm::ApiFormat::OpenAiChat;
    if (path == "/routing/v1/messages") return llm::ApiFormat::AnthropicMessages;
    if (path == "/routing/v1/responses") return llm::ApiFormat::OpenAiResponses;
    return std::nullopt;
}

RoutingApi::RoutingApi(const RouteSelector& router, const telemetry::Tracer& tracer)
    : router_(router), tracer_(tracer) {}

asio::awaitable<void> RoutingApi::serve(http::ServerRequest& request, http::ResponseWriter& out,
                                        std::size_t worker, llm::ApiFormat client_api) const {
    LlmSpanRecorder span(tracer_, request, client_api);
    span.as_routing_decision();
    auto fields = json::scan_request(request.body);
    if (!fields) {
        co_await send_json(out, span, 400,
                           invalid_request("Failed to parse request: " + fields.error().message));
        co_return;
    }
    auto chosen =
        co_await router_.choose(request, client_api, fields->model.value_or(""), worker, span);
    if (auto* error = std::get_if<ErrorReply>(&chosen)) {
        const std::string body =
            error->status == 400 ? invalid_request(error->message) : internal_error(error->message);
        co_await send_json(out, span, error->status, body);
        co_return;
    }
    co_await send_json(out, span, 200,
                       decision(std::get<RouteChoice>(chosen), span.trace_id_hex()));
}

}  // namespace gw::proxy
