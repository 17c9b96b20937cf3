#include "gw/cli/init_templates.hpp"

#include <algorithm>
#include <array>

namespace gw::cli {
namespace {

constexpr std::string_view kSubAgentOrchestration = R"yaml(version: v0.3.0

# Sub-agent orchestration: one agent listener receives every request, and Plano-Orchestrator
# picks which specialised agent(s) should answer, from the descriptions below.

agents:
  - id: weather_agent
    url: http://langchain-weather-agent:10510
  - id: flight_agent
    url: http://crewai-flight-agent:10520

model_providers:
  - model: openai/gpt-4o
    access_key: $OPENAI_API_KEY
    default: true
  - model: openai/gpt-4o-mini
    access_key: $OPENAI_API_KEY

listeners:
  - type: agent
    name: travel_booking_service
    port: 8001
    router: plano_orchestrator_v1
    agents:
      - id: weather_agent
        description: |
          WeatherAgent is a specialized assistant for weather information. It can:
          * report current conditions for a city or place (temperature, precipitation, wind,
            humidity)
          * give multi-day forecasts and say what to expect on a given date
          * advise on weather-related travel decisions, such as what to pack or the best day to
            travel
          It answers any question whose main subject is weather, climate or forecasts for a
          location.
      - id: flight_agent
        description: |
          FlightAgent is a specialized assistant for air travel. It can:
          * search flights between airports or cities for given dates
          * compare options by price, duration, stops and airline
          * report the status of a flight (delays, gates, cancellations)
          * explain baggage rules, layovers and booking steps
          It answers any question whose main subject is finding, comparing or tracking flights.

tracing:
  random_sampling: 100
)yaml";

constexpr std::string_view kCodingAgentRouting = R"yaml(version: v0.3.0

# Coding agent routing: Plano picks a model per request from the routing preferences below, and
# a model alias gives coding agents a stable name for their small, fast model.

model_providers:
  - model: openai/gpt-5-2025-08-07
    access_key: $OPENAI_API_KEY
    routing_preferences:
      - name: code generation
        description: generating new code snippets, functions, or boilerplate based on user prompts or requirements

  - model: openai/gpt-4.1-2025-04-14
    access_key: $OPENAI_API_KEY
    routing_preferences:
      - name: code understanding
        description: understand and explain existing code snippets, functions, or libraries

  - model: anthropic/claude-sonnet-4-5
    access_key: $ANTHROPIC_API_KEY
    default: true

  - model: anthropic/claude-haiku-4-5
    access_key: $ANTHROPIC_API_KEY

  - model: ollama/llama3.1
    base_url: http://localhost:11434

model_aliases:
  arch.claude.code.small.fast:
    target: claude-haiku-4-5

listeners:
  - type: model
    name: model_listener
    port: 12000

tracing:
  random_sampling: 100
)yaml";

constexpr std::string_view kPreferenceAwareRouting = R"yaml(version: v0.3.0

# Preference-aware routing: each request goes to the model whose routing preference matches it
# best; requests that match none go to the default model.

model_providers:
  - model: openai/gpt-4o-mini
    access_key: $OPENAI_API_KEY
    default: true

  - model: openai/gpt-4o
    access_key: $OPENAI_API_KEY
    routing_preferences:
      - name: code understanding
        description: understand and explain existing code snippets, functions, or libraries

  - model: anthropic/claude-sonnet-4-6
    access_key: $ANTHROPIC_API_KEY
    routing_preferences:
      - name: code generation
        description: generating new code snippets, functions, or boilerplate based on user prompts or requirements

listeners:
  - type: model
    name: model_listener
    port: 12000

tracing:
  random_sampling: 100
)yaml";

constexpr std::string_view kFilterChainGuardrails = R"yaml(version: v0.3.0

# Guardrails via filter chains: every request to the agent first passes the input guards, then
# is rewritten into a better query, then gets retrieved context, before the agent sees it.

agents:
  - id: rag_agent
    url: http://rag-agents:10505

filters:
  - id: input_guards
    url: http://rag-agents:10500
    type: http
    # type: mcp (default)
    # transport: streamable-http (default)
    # tool: input_guards (default: the filter id)
  - id: query_rewriter
    url: http://rag-agents:10501
    type: http
    # type: mcp (default)
    # transport: streamable-http (default)
    # tool: query_rewriter (default: the filter id)
  - id: context_builder
    url: http://rag-agents:10502
    type: http
    # type: mcp (default)
    # transport: streamable-http (default)
    # tool: context_builder (default: the filter id)

model_providers:
  - model: openai/gpt-4o-mini
    access_key: $OPENAI_API_KEY
    default: true
  - model: openai/gpt-4o
    access_key: $OPENAI_API_KEY

model_aliases:
  fast-llm:
    target: gpt-4o-mini
  smart-llm:
    target: gpt-4o

listeners:
  - type: agent
    name: agent_1
    port: 8001
    router: plano_orchestrator_v1
    agents:
      - id: rag_agent
        description: virtual assistant for retrieval augmented generation tasks
        input_filters:
          - input_guards
          - query_rewriter
          - context_builder

tracing:
  random_sampling: 100
)yaml";

constexpr std::string_view kConversationalStateResponses = R"yaml(version: v0.3.0

# Conversational state via /v1/responses: Plano stores each response, so a client continues a
# conversation by sending only previous_response_id and the new input.

agents:
  - id: assistant
    url: http://localhost:10510

model_providers:
  - model: openai/gpt-5-mini-2025-08-07
    access_key: $OPENAI_API_KEY
    default: true
  - model: anthropic/claude-sonnet-4-6
    access_key: $ANTHROPIC_API_KEY

listeners:
  - type: agent
    name: conversation_service
    port: 8001
    router: plano_orchestrator_v1
    agents:
      - id: assistant
        description: |
          A conversational assistant that keeps the context of the whole conversation across
          turns of the /v1/responses API and answers general questions.

state_storage:
  type: memory

tracing:
  random_sampling: 100
)yaml";

constexpr std::array<InitTemplate, 5> kTemplates = {{
    {"sub_agent_orchestration", "Sub Agent Orchestration",
     "multi-agent routing across specialized agents", kSubAgentOrchestration},
    {"coding_agent_routing", "Coding Agent Routing",
     "routing preferences + model aliases for coding tasks", kCodingAgentRouting},
    {"preference_aware_routing", "Preference-aware LLM routing",
     "automatic LLM routing based on preferences", kPreferenceAwareRouting},
    {"filter_chain_guardrails", "Guardrails via Filter Chains",
     "input guards, query rewrite, and context building", kFilterChainGuardrails},
    {"conversational_state_v1_responses", "Conversational State via v1/responses",
     "stateful responses with memory-backed storage", kConversationalStateResponses},
}};

}  // namespace

std::span<const InitTemplate> init_templates() { return kTemplates; }

const InitTemplate* find_init_template(std::string_view id) {
    const auto* found = std::find_if(kTemplates.begin(), kTemplates.end(),
                                     [id](const InitTemplate& t) { return t.id == id; });
    return found == kTemplates.end() ? nullptr : found;
}

}  // namespace gw::cli
