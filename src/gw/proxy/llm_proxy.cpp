#include "gw/proxy/llm_proxy.hpp"

#include "gw/json/request_scan.hpp"
#include "gw/json/splice.hpp"
#include "gw/providers/upstream_plan.hpp"
#include "gw/proxy/aws_signing.hpp"
#include "gw/proxy/conversation_turn.hpp"
#include "gw/telemetry/semconv.hpp"
#include "gw/translate/translate.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

#include <optional>
#include <random>

namespace gw::proxy {
namespace {

namespace asio = boost::asio;

http::UpstreamRequest to_upstream_request(providers::UpstreamPlan plan, std::string body) {
    http::UpstreamRequest request;
    request.origin = {plan.origin.tls, std::move(plan.origin.host), plan.origin.port};
    request.target = std::move(plan.path);
    request.host_header = std::move(plan.host_header);
    request.headers = std::move(plan.headers);
    request.body = std::move(body);
    return request;
}

// Same API: the client's bytes with only the model replaced (never re-serialized, stack.md §1.3).
// Another API: the request translated into the provider's.
Result<std::string> upstream_body(std::string_view client_body, llm::ApiFormat client_api,
                                  const providers::UpstreamPlan& plan,
                                  std::string_view provider_name) {
    if (plan.upstream_api == client_api) {
        return json::replace_string_field(client_body, "model", plan.model_id);
    }
    if (!translate::can_translate(client_api, plan.upstream_api)) {
        return Error::invalid(fmt::format(
            "{} requests cannot be served by provider '{}' (it "
            "speaks {}); use a provider with another API",
            llm::to_string(client_api), provider_name, llm::to_string(plan.upstream_api)));
    }
    return translate::translate_request(client_api, plan.upstream_api, client_body,
                                        {.model_id = plan.model_id});
}

uint64_t jitter() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    return generator();
}

}  // namespace

struct LlmProxy::Request {
    Request(const http::ServerRequest& r, llm::ApiFormat api, std::size_t w, json::RequestFields f)
        : http(r), client_api(api), worker(w), fields(std::move(f)) {}

    const http::ServerRequest& http;
    llm::ApiFormat client_api;
    std::size_t worker;
    json::RequestFields fields;
    std::string requested;  // the client's model
    std::optional<ConversationTurn> turn;
    std::optional<ConversationCapture> capture;
    std::string provider_name;                 // of the candidate being tried
    std::optional<std::string> stripped_body;  // without inline routing_preferences
    // What a client disconnect must stop: the call in flight or the pause before a retry.
    http::UpstreamCall* call = nullptr;
    asio::steady_timer* pause = nullptr;
    bool client_gone = false;
    int64_t attempts = 0;  // upstream calls made, retries and fallbacks included

    // What goes upstream: the client's body, without inline routing_preferences, with the
    // conversation history once a turn began.
    [[nodiscard]] std::string_view body() const {
        if (turn) return turn->request_body;
        return stripped_body ? std::string_view(*stripped_body) : std::string_view(http.body);
    }
};

LlmProxy::LlmProxy(const providers::ProviderTable& table, const RouteSelector& router,
                   ProxySettings settings, std::vector<http::UpstreamClient*> upstreams,
                   const telemetry::Tracer& tracer, telemetry::RequestMetrics& metrics,
                   state::ConversationStore* conversations)
    : table_(table),
      router_(router),
      settings_(settings),
      upstreams_(std::move(upstreams)),
      tracer_(tracer),
      metrics_(metrics),
      conversations_(conversations) {}

std::variant<ErrorReply, LlmProxy::Target> LlmProxy::plan_target(std::string_view model,
                                                                 const Request& request,
                                                                 LlmSpanRecorder& span) const {
    auto target = table_.find(model);
    if (!target) return model_not_found(model);
    providers::PlanInput input{request.client_api, request.http.path(), request.fields.stream,
                               &request.http.headers};
    auto plan = providers::plan_upstream(*target, input);
    if (!plan) return bad_request(plan.error().message, "provider_config");
    span.on_model(request.requested, model, target->provider->provider_interface, plan->model_id);
    span.on_upstream_api(plan->upstream_api);
    return Target{target->name, std::move(*plan)};
}

std::variant<ErrorReply, PlannedCall> LlmProxy::build_call(Target target, const Request& request,
                                                           LlmSpanRecorder& span) const {
    const llm::ApiFormat upstream_api = target.plan.upstream_api;
    auto translation = upstream_api != request.client_api ? span.start_translation() : std::nullopt;
    const std::string_view client_body = request.body();
    auto body = upstream_body(client_body, request.client_api, target.plan, target.provider_name);
    if (!body) return bad_request(body.error().message, "invalid_request");
    span.finish_translation(std::move(translation), upstream_api, client_body.size(), body->size());
    const std::optional<std::string> sigv4_region = target.plan.aws_sigv4_region;
    std::string model_id = target.plan.model_id;
    http::UpstreamRequest upstream = to_upstream_request(std::move(target.plan), std::move(*body));
    if (sigv4_region) {
        if (auto signed_ok = sign_bedrock_request(upstream, *sigv4_region, aws_environment());
            !signed_ok) {
            return bad_request(signed_ok.error().message, "provider_config");
        }
    }
    return PlannedCall{std::move(upstream), std::move(target.provider_name), upstream_api,
                       request.fields.include_usage, std::move(model_id)};
}

asio::awaitable<void> LlmProxy::serve(http::ServerRequest& http_request, http::ResponseWriter& out,
                                      std::size_t worker, llm::ApiFormat client_api) {
    LlmSpanRecorder span(tracer_, http_request, client_api);  // exported when serve() ends
    json::RequestDetails details;
    auto fields = span.recording() ? json::scan_request(http_request.body, client_api, details)
                                   : json::scan_request(http_request.body);
    if (!fields) {
        co_await reply_with_error(
            out, client_api,
            bad_request("Failed to parse request: " + fields.error().message, "invalid_request"),
            span);
        co_return;
    }
    span.on_request(*fields, std::move(details));
    Request request(http_request, client_api, worker, std::move(*fields));
    request.requested = request.fields.model.value_or("");
    auto chosen =
        co_await router_.choose(http_request, client_api, request.requested, worker, span);
    if (auto* error = std::get_if<ErrorReply>(&chosen)) {
        co_await reply_with_error(out, client_api, *error, span);
        co_return;
    }
    RouteChoice& choice = std::get<RouteChoice>(chosen);
    request.stripped_body = std::move(choice.stripped_body);
    // A client that leaves stops the upstream exchange, or the pause before a retry, at once.
    out.watch_disconnect([&request] {
        request.client_gone = true;
        if (request.call) request.call->abort();
        if (request.pause) request.pause->cancel();
    });
    auto answered = co_await forward(choice.models, request, out, span);
    out.stop_watching();
    if (answered && answered->status >= 200 && answered->status < 300) {
        co_await router_.on_answered(choice, answered->usage, worker);
    }
}

asio::awaitable<std::optional<telemetry::UpstreamOutcome>> LlmProxy::forward(
    const std::vector<std::string>& models, Request& request, http::ResponseWriter& out,
    LlmSpanRecorder& span) {
    std::optional<telemetry::UpstreamOutcome> answered;
    for (std::size_t i = 0; i < models.size(); ++i) {
        const bool last = i + 1 == models.size();
        std::variant<ErrorReply, Target> target = plan_target(models[i], request, span);
        std::variant<ErrorReply, PlannedCall> planned;
        if (auto* error = std::get_if<ErrorReply>(&target)) {
            planned = std::move(*error);
        } else {
            auto& chosen = std::get<Target>(target);
            if (i == 0 &&
                !co_await resume_conversation(chosen.plan.upstream_api, request, out, span)) {
                co_return answered;
            }
            planned = build_call(std::move(chosen), request, span);
        }
        if (auto* error = std::get_if<ErrorReply>(&planned)) {
            if (!last) continue;  // a fallback that cannot serve this request is skipped
            co_await reply_with_error(out, request.client_api, *error, span);
            co_return answered;
        }
        request.provider_name = std::get<PlannedCall>(planned).provider_name;
        if (co_await try_provider(std::move(std::get<PlannedCall>(planned)), last, request, out,
                                  span, answered)) {
            co_return answered;
        }
        if (request.client_gone) co_return answered;
    }
    co_return answered;
}

asio::awaitable<bool> LlmProxy::resume_conversation(llm::ApiFormat upstream_api, Request& request,
                                                    http::ResponseWriter& out,
                                                    LlmSpanRecorder& span) {
    if (!conversations_ || !keeps_conversation(request.client_api, upstream_api)) co_return true;
    // The turn starts before the history is added, so body() is the client's here.
    auto begun =
        co_await begin_turn(*conversations_, request.body(), request.fields.previous_response_id);
    if (auto* error = std::get_if<ErrorReply>(&begun)) {
        co_await reply_with_error(out, request.client_api, *error, span);
        co_return false;
    }
    request.turn = std::move(std::get<ConversationTurn>(begun));
    request.capture.emplace([this, &request](const std::string& completed) {
        end_turn(*conversations_, *request.turn, completed, request.requested,
                 request.provider_name);
    });
    co_return true;
}

asio::awaitable<bool> LlmProxy::try_provider(PlannedCall planned, bool last_candidate,
                                             Request& request, http::ResponseWriter& out,
                                             LlmSpanRecorder& span,
                                             std::optional<telemetry::UpstreamOutcome>& answered) {
    const int attempts = 1 + std::max(0, settings_.retry.max_retries);
    const AttemptContext context{{settings_.connect_timeout, settings_.upstream_timeout},
                                 out,
                                 request.client_api,
                                 span,
                                 request.capture ? &*request.capture : nullptr};
    asio::steady_timer pause(co_await asio::this_coro::executor);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        const bool final_try = last_candidate && attempt == attempts;
        http::UpstreamCall call(*upstreams_[request.worker]);
        request.call = &call;
        // Copied while another attempt may follow. (Built as a statement: GCC 12 destroys
        // temporaries of a conditional inside a co_await expression twice.)
        PlannedCall this_try;
        if (final_try) {
            this_try = std::move(planned);
        } else {
            this_try = planned;
        }
        AttemptResult result =
            co_await attempt_upstream(call, std::move(this_try), context, !final_try);
        request.call = nullptr;
        metrics_.record_upstream(request.worker, result.metered);
        span.set_attribute(telemetry::semconv::kPlanoUpstreamAttempts, ++request.attempts);
        if (!result.retry) {
            answered = std::move(result.metered);
            co_return true;
        }
        if (request.client_gone) co_return true;
        if (attempt == attempts) break;
        pause.expires_after(
            retry_delay(settings_.retry, attempt, result.retry->retry_after, jitter()));
        request.pause = &pause;
        boost::system::error_code ignored;
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        request.pause = nullptr;
        if (request.client_gone) co_return true;
    }
    co_return false;
}

}  // namespace gw::proxy
