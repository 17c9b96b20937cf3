#include "gw/app/gateway_handler.hpp"

#include "gw/json/writer.hpp"
#include "gw/proxy/error_reply.hpp"

#include <optional>

namespace gw::app {
namespace {

namespace asio = boost::asio;

std::optional<llm::ApiFormat> llm_api_for(std::string_view path) {
    if (path == "/v1/chat/completions") return llm::ApiFormat::OpenAiChat;
    if (path == "/v1/messages") return llm::ApiFormat::AnthropicMessages;
    if (path == "/v1/responses") return llm::ApiFormat::OpenAiResponses;
    return std::nullopt;
}

bool is_models_path(std::string_view path) {
    return path == "/v1/models" || path == "/agents/v1/models";
}

std::string render_models(const providers::ProviderTable& table) {
    std::string out;
    json::JsonWriter w(out);
    w.begin_object().key("object").string("list").key("data").begin_array();
    for (const auto& model : table.list_models()) {
        w.begin_object().key("id").string(model.id).key("object").string("model");
        w.key("created").number(0).key("owned_by").string(model.owned_by).end_object();
    }
    w.end_array().end_object();
    return out;
}

Headers json_content() {
    Headers h;
    h.add("Content-Type", "application/json");
    return h;
}

Headers cors_preflight() {
    Headers h;
    h.add("Allow", "GET, POST, OPTIONS");
    h.add("Access-Control-Allow-Origin", "*");
    h.add("Access-Control-Allow-Headers", "Authorization, Content-Type");
    h.add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    h.add("Content-Type", "application/json");
    return h;
}

asio::awaitable<void> not_routed(http::ResponseWriter& out, const http::ServerRequest& request,
                                 int status) {
    proxy::ErrorReply error{
        status, "no route for " + request.method + " " + std::string(request.path()),
        "invalid_request_error", status == 405 ? "method_not_allowed" : "not_found"};
    co_await out.send(status, json_content(),
                      proxy::render_error(llm::ApiFormat::OpenAiChat, error));
}

}  // namespace

GatewayHandler::GatewayHandler(proxy::LlmProxy& proxy)
    : proxy_(proxy), models_body_(render_models(proxy.providers())) {}

asio::awaitable<void> GatewayHandler::handle(http::ServerRequest& request,
                                             http::ResponseWriter& out, std::size_t worker) {
    std::string_view path = request.path();
    const std::string& method = request.method;
    if (path.starts_with("/healthz")) {
        co_await out.send(200, {}, {});
    } else if (method == "OPTIONS") {
        co_await out.send(204, cors_preflight(), {});
    } else if (auto api = llm_api_for(path)) {
        if (method == "POST") {
            co_await proxy_.serve(request, out, worker, *api);
        } else {
            co_await not_routed(out, request, 405);
        }
    } else if (is_models_path(path)) {
        if (method == "GET") {
            co_await list_models(out);
        } else {
            co_await not_routed(out, request, 405);
        }
    } else {
        co_await not_routed(out, request, 404);
    }
}

asio::awaitable<void> GatewayHandler::list_models(http::ResponseWriter& out) {
    co_await out.send(200, json_content(), models_body_);
}

}  // namespace gw::app
