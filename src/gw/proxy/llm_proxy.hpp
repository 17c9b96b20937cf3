#pragma once
// The model-listener data path: parse the client request, resolve alias and provider, build the
// upstream request (auth, path, model), forward it and relay the answer as it arrives.

#include "gw/http/response_writer.hpp"
#include "gw/http/server_request.hpp"
#include "gw/http/upstream_client.hpp"
#include "gw/json/request_scan.hpp"
#include "gw/llm/api.hpp"
#include "gw/providers/provider_table.hpp"
#include "gw/providers/upstream_plan.hpp"
#include "gw/proxy/conversation_capture.hpp"
#include "gw/proxy/error_reply.hpp"
#include "gw/proxy/llm_span.hpp"
#include "gw/state/conversation_store.hpp"
#include "gw/telemetry/request_metrics.hpp"
#include "gw/telemetry/tracer.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace gw::proxy {

struct ProxySettings {
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(5)};
    // Listener `timeout`: the provider must answer, and never stay silent, longer than this.
    std::chrono::milliseconds upstream_timeout{std::chrono::seconds(300)};
};

class LlmProxy {
  public:
    // `upstreams[i]` is the connection pool of worker i; it, `tracer`, `metrics` (one shard
    // per worker) and `conversations` (null: `state_storage` not configured) must outlive the
    // proxy.
    LlmProxy(providers::ProviderTable table, ProxySettings settings,
             std::vector<http::UpstreamClient*> upstreams, const telemetry::Tracer& tracer,
             telemetry::RequestMetrics& metrics, state::ConversationStore* conversations);

    boost::asio::awaitable<void> serve(http::ServerRequest& request, http::ResponseWriter& response,
                                       std::size_t worker, llm::ApiFormat client_api);

    [[nodiscard]] const providers::ProviderTable& providers() const { return table_; }

  private:
    struct Prepared {
        http::UpstreamRequest upstream;
        std::string provider_name;
        llm::ApiFormat upstream_api;
        bool client_asked_usage;  // stream_options.include_usage
    };
    struct Resolved {
        json::RequestFields fields;
        providers::UpstreamPlan plan;
        std::string provider_name;
    };
    // Parses the request, resolves its model and plans the upstream call, or says why the
    // request cannot be served.
    std::variant<ErrorReply, Resolved> resolve(const http::ServerRequest& request,
                                               llm::ApiFormat client_api,
                                               LlmSpanRecorder& span) const;
    // The upstream request for `client_body` (the client's, or with conversation history).
    std::variant<ErrorReply, Prepared> prepare(Resolved resolved, std::string_view client_body,
                                               llm::ApiFormat client_api,
                                               LlmSpanRecorder& span) const;
    // Returns how the call ended, for the metrics.
    boost::asio::awaitable<telemetry::UpstreamOutcome> exchange(
        http::UpstreamCall& call, Prepared prepared, http::ResponseWriter& out,
        llm::ApiFormat client_api, LlmSpanRecorder& span, ConversationCapture* capture);

    providers::ProviderTable table_;
    ProxySettings settings_;
    std::vector<http::UpstreamClient*> upstreams_;
    const telemetry::Tracer& tracer_;
    telemetry::RequestMetrics& metrics_;
    state::ConversationStore* conversations_;
};

}  // namespace gw::proxy
