#pragma once
// Every attribute key the gateway writes, in one place: the reference's keys (dataplane.md §5.3,
// §5.4, §5.6) and the OpenTelemetry GenAI / HTTP semantic conventions (peers.md §4). Static views,
// so recording them allocates nothing (attribute_key.hpp).

#include "gw/telemetry/attribute_key.hpp"

namespace gw::telemetry::semconv {

inline constexpr auto kComponent = AttributeKey::literal("component");
inline constexpr auto kRequestId = AttributeKey::literal("request_id");
inline constexpr auto kServiceNameOverride = AttributeKey::literal("service.name.override");
inline constexpr auto kErrorType = AttributeKey::literal("error.type");

inline constexpr auto kHttpMethod = AttributeKey::literal("http.method");
inline constexpr auto kHttpPath = AttributeKey::literal("http.path");
inline constexpr auto kHttpTarget = AttributeKey::literal("http.target");
inline constexpr auto kHttpStatusCode = AttributeKey::literal("http.status_code");
inline constexpr auto kServerAddress = AttributeKey::literal("server.address");
inline constexpr auto kServerPort = AttributeKey::literal("server.port");
inline constexpr auto kUrlPath = AttributeKey::literal("url.path");

inline constexpr auto kLlmModel = AttributeKey::literal("llm.model");
inline constexpr auto kLlmProvider = AttributeKey::literal("llm.provider");
inline constexpr auto kLlmIsStreaming = AttributeKey::literal("llm.is_streaming");
inline constexpr auto kLlmTemperature = AttributeKey::literal("llm.temperature");
inline constexpr auto kLlmTools = AttributeKey::literal("llm.tools");
inline constexpr auto kLlmUserMessagePreview = AttributeKey::literal("llm.user_message_preview");
inline constexpr auto kLlmDurationMs = AttributeKey::literal("llm.duration_ms");
inline constexpr auto kLlmResponseBytes = AttributeKey::literal("llm.response_bytes");
inline constexpr auto kLlmTimeToFirstToken = AttributeKey::literal("llm.time_to_first_token");
inline constexpr auto kLlmPromptTokens = AttributeKey::literal("llm.usage.prompt_tokens");
inline constexpr auto kLlmCompletionTokens = AttributeKey::literal("llm.usage.completion_tokens");
inline constexpr auto kLlmTotalTokens = AttributeKey::literal("llm.usage.total_tokens");
inline constexpr auto kLlmCachedInputTokens =
    AttributeKey::literal("llm.usage.cached_input_tokens");
inline constexpr auto kLlmCacheCreationTokens =
    AttributeKey::literal("llm.usage.cache_creation_tokens");
inline constexpr auto kLlmReasoningTokens = AttributeKey::literal("llm.usage.reasoning_tokens");

inline constexpr auto kGenAiOperationName = AttributeKey::literal("gen_ai.operation.name");
inline constexpr auto kGenAiProviderName = AttributeKey::literal("gen_ai.provider.name");
inline constexpr auto kGenAiRequestModel = AttributeKey::literal("gen_ai.request.model");
inline constexpr auto kGenAiRequestTemperature =
    AttributeKey::literal("gen_ai.request.temperature");
inline constexpr auto kGenAiRequestTopP = AttributeKey::literal("gen_ai.request.top_p");
inline constexpr auto kGenAiRequestMaxTokens = AttributeKey::literal("gen_ai.request.max_tokens");
inline constexpr auto kGenAiResponseModel = AttributeKey::literal("gen_ai.response.model");
inline constexpr auto kGenAiResponseId = AttributeKey::literal("gen_ai.response.id");
inline constexpr auto kGenAiResponseFinishReasons =
    AttributeKey::literal("gen_ai.response.finish_reasons");
inline constexpr auto kGenAiInputTokens = AttributeKey::literal("gen_ai.usage.input_tokens");
inline constexpr auto kGenAiOutputTokens = AttributeKey::literal("gen_ai.usage.output_tokens");

inline constexpr auto kExceptionType = AttributeKey::literal("exception.type");
inline constexpr auto kExceptionMessage = AttributeKey::literal("exception.message");

// plano(routing) and the internal step spans (trace_arch_internal).
inline constexpr auto kModelRequested = AttributeKey::literal("model.requested");
inline constexpr auto kModelAliasResolved = AttributeKey::literal("model.alias_resolved");
inline constexpr auto kRoutingDeterminationMs = AttributeKey::literal("routing.determination_ms");
inline constexpr auto kRouteSelectedModel = AttributeKey::literal("route.selected_model");

// Routing decisions: the reference's session attributes (agents.md §6.3) and ours, which say
// what was considered and why the winner won.
inline constexpr auto kPlanoRouteName = AttributeKey::literal("plano.route.name");
inline constexpr auto kPlanoSessionId = AttributeKey::literal("plano.session_id");
inline constexpr auto kPlanoRoutingSkipped = AttributeKey::literal("plano.routing.skipped");
inline constexpr auto kPlanoCacheWarm = AttributeKey::literal("plano.cache.warm");
inline constexpr auto kPlanoCacheIdleMs = AttributeKey::literal("plano.cache.idle_ms");
inline constexpr auto kPlanoSwitchDecision = AttributeKey::literal("plano.switch.decision");
inline constexpr auto kPlanoSwitchCost = AttributeKey::literal("plano.switch.cost_in_usd");
inline constexpr auto kPlanoSwitchCounterfactual =
    AttributeKey::literal("plano.switch.counterfactual_route");
inline constexpr auto kPlanoSessionSwitches = AttributeKey::literal("plano.session.switches");
inline constexpr auto kRoutingCandidates = AttributeKey::literal("routing.candidates");
inline constexpr auto kRoutingReason = AttributeKey::literal("routing.selection_reason");
inline constexpr auto kRoutingPolicy = AttributeKey::literal("routing.selection_policy");
inline constexpr auto kRoutingError = AttributeKey::literal("routing.error");
inline constexpr auto kPlanoUpstreamAttempts = AttributeKey::literal("plano.upstream.attempts");

// API translation (ours): which API the provider was asked in, and the request translation step.
inline constexpr auto kPlanoUpstreamApi = AttributeKey::literal("plano.upstream_api");
inline constexpr auto kTranslationFrom = AttributeKey::literal("translation.from");
inline constexpr auto kTranslationTo = AttributeKey::literal("translation.to");
inline constexpr auto kTranslationInputBytes = AttributeKey::literal("translation.input_bytes");
inline constexpr auto kTranslationOutputBytes = AttributeKey::literal("translation.output_bytes");

}  // namespace gw::telemetry::semconv
