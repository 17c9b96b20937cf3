#include "gw/routing/router_prompt.hpp"

#include "gw/routing/router_conversation.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace gw::routing {
namespace {

// Golden prompts of the reference's tests (crates/brightstaff/src/router/orchestrator_model_v1.rs):
// the exact bytes its router model receives.
constexpr std::string_view kSystemPromptFormat = R"PROMPT(
You are a helpful assistant that selects the most suitable routes based on user intent.
You are provided with a list of available routes enclosed within <routes></routes> XML tags:
<routes>
{"name": "Image generation", "description": "generating image", "parameters": {"type": "object", "properties": {}, "required": []}}
</routes>

You are also given the conversation context enclosed within <conversation></conversation> XML tags:
<conversation>
[
    {
        "role": "user",
        "content": "hi"
    },
    {
        "role": "assistant",
        "content": "Hello! How can I assist you today?"
    },
    {
        "role": "user",
        "content": "given the image In style of Andy Warhol, portrait of Bart and Lisa Simpson"
    }
]
</conversation>

## Instructions
1. Analyze the latest user intent from the conversation.
2. Compare it against the available routes to find which routes can help fulfill the request.
3. Respond only with the exact route names from <routes>.
4. If no routes can help or the intent is already fulfilled, return an empty list.

## Response Format
Return your answer strictly in JSON as follows:
{{"route": ["route_name_1", "route_name_2", "..."]}}
If no routes are needed, return an empty list for `route`.
)PROMPT";

constexpr std::string_view kConversationOpen = "<conversation>\n";
constexpr std::string_view kConversationClose = "\n</conversation>";
constexpr std::string_view kRoutesOpen = "<routes>\n";
constexpr std::string_view kRoutesClose = "\n</routes>";

// The golden prompt with another text between `open` and `close`: the other golden prompts
// differ from the first only in their conversation (or routes) block.
std::string golden_with(std::string_view open, std::string_view close, std::string_view block) {
    const std::size_t begin = kSystemPromptFormat.find(open) + open.size();
    const std::size_t end = kSystemPromptFormat.find(close);
    std::string out(kSystemPromptFormat.substr(0, begin));
    out.append(block);
    out.append(kSystemPromptFormat.substr(end));
    return out;
}

std::string golden_with_conversation(std::string_view conversation) {
    return golden_with(kConversationOpen, kConversationClose, conversation);
}

const std::vector<RouteSpec> kImageRoute = {{"Image generation", "generating image"}};

// The reference's inputs are Chat messages; decode them as the proxy does.
std::vector<RouterTurn> chat_turns(std::string_view messages_json) {
    const std::string body = fmt::format(R"({{"model":"m","messages":{}}})", messages_json);
    auto request = translate::decode_request(llm::ApiFormat::OpenAiChat, body);
    EXPECT_TRUE(request.has_value()) << (request ? "" : request.error().message);
    return request ? router_conversation(*request) : std::vector<RouterTurn>{};
}

constexpr std::string_view kThreeTurns = R"([
    {"role": "user", "content": "hi"},
    {"role": "assistant", "content": "Hello! How can I assist you today?"},
    {"role": "user", "content": "given the image In style of Andy Warhol, portrait of Bart and Lisa Simpson"}
])";

constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

TEST(RouterPrompt, SystemPromptFormat) {
    EXPECT_EQ(build_router_prompt(kImageRoute, chat_turns(kThreeTurns), kUnbounded),
              kSystemPromptFormat);
}

TEST(RouterPrompt, DefaultContextLengthKeepsShortConversations) {
    EXPECT_EQ(build_router_prompt(kImageRoute, chat_turns(kThreeTurns)), kSystemPromptFormat);
}

TEST(RouterPrompt, SystemPromptFormatUsagePreferences) {
    const std::vector<RouteSpec> routes = {
        {"code-generation",
         "generating new code snippets, functions, or boilerplate based on user prompts or "
         "requirements"}};
    const std::string expected = golden_with(
        kRoutesOpen, kRoutesClose,
        R"({"name": "code-generation", "description": "generating new code snippets, functions, or boilerplate based on user prompts or requirements", "parameters": {"type": "object", "properties": {}, "required": []}})");
    EXPECT_EQ(build_router_prompt(routes, chat_turns(kThreeTurns), kUnbounded), expected);
}

TEST(RouterPrompt, ConversationExceedTokenCount) {
    // 211 (template) + 19 (last user turn) fits 235; the assistant turn's 8 more do not, and an
    // overflowing assistant turn is dropped, not trimmed.
    const std::string expected = golden_with_conversation(R"([
    {
        "role": "user",
        "content": "given the image In style of Andy Warhol, portrait of Bart and Lisa Simpson"
    }
])");
    EXPECT_EQ(build_router_prompt(kImageRoute, chat_turns(kThreeTurns), 235), expected);
}

TEST(RouterPrompt, ConversationExceedTokenCountLargeSingleMessage) {
    // The template alone is over a 200-token budget: nothing fits, so the newest turn goes whole.
    constexpr std::string_view kLong =
        "given the image In style of Andy Warhol, portrait of Bart and Lisa Simpson and this is a "
        "very long message that exceeds the max token length of the routing model, so it should "
        "be truncated and only the last user message should be included in the conversation for "
        "routing.";
    const std::string messages = fmt::format(R"([
        {{"role": "user", "content": "hi"}},
        {{"role": "assistant", "content": "Hello! How can I assist you today?"}},
        {{"role": "user", "content": "{}"}}
    ])",
                                             kLong);
    const std::string expected = golden_with_conversation(fmt::format(R"([
    {{
        "role": "user",
        "content": "{}"
    }}
])",
                                                                      kLong));
    EXPECT_EQ(build_router_prompt(kImageRoute, chat_turns(messages), 200), expected);
}

TEST(RouterPrompt, ConversationTrimUptoUserMessage) {
    // 211 + 11 + 5 leaves 3 tokens (12 bytes) of 230 for the older user turn: 5 head bytes, the
    // 3-byte ellipsis, 4 tail bytes. The walk stops there, so "hi" and its answer are not sent.
    const std::string messages = R"([
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "Hello! How can I assist you today?"},
        {"role": "user", "content": "given the image In style of Andy Warhol"},
        {"role": "assistant", "content": "ok here is the image"},
        {"role": "user", "content": "pls give me another image about Bart and Lisa"}
    ])";
    const std::string expected = golden_with_conversation(R"([
    {
        "role": "user",
        "content": "given…rhol"
    },
    {
        "role": "assistant",
        "content": "ok here is the image"
    },
    {
        "role": "user",
        "content": "pls give me another image about Bart and Lisa"
    }
])");
    EXPECT_EQ(build_router_prompt(kImageRoute, chat_turns(messages), 230), expected);
}

TEST(RouterPrompt, NonTextInput) {
    const std::string messages = R"([
        {"role": "user", "content": [
            {"type": "text", "text": "hi"},
            {"type": "image_url", "image_url": {"url": "https://example.com/image.png"}}
        ]},
        {"role": "assistant", "content": "Hello! How can I assist you today?"},
        {"role": "user", "content": "given the image In style of Andy Warhol, portrait of Bart and Lisa Simpson"}
    ])";
    EXPECT_EQ(build_router_prompt(kImageRoute, chat_turns(messages), kUnbounded),
              kSystemPromptFormat);
}

TEST(RouterPrompt, SkipToolCall) {
    const std::string messages = R"([
        {"role": "user", "content": "What's the weather like in Tokyo?"},
        {"role": "assistant", "content": "", "tool_calls": [{"id": "toolcall-abc123",
            "type": "function",
            "function": {"name": "get_weather", "arguments": "{ \"location\": \"Tokyo\" }"}}]},
        {"role": "tool", "tool_call_id": "toolcall-abc123",
         "content": "{ \"temperature\": \"22°C\", \"condition\": \"Sunny\" }"},
        {"role": "assistant", "content": "The current weather in Tokyo is 22°C and sunny."},
        {"role": "user", "content": "What about in New York?"}
    ])";
    const std::string expected = golden_with_conversation(R"([
    {
        "role": "user",
        "content": "What's the weather like in Tokyo?"
    },
    {
        "role": "assistant",
        "content": "The current weather in Tokyo is 22°C and sunny."
    },
    {
        "role": "user",
        "content": "What about in New York?"
    }
])");
    EXPECT_EQ(build_router_prompt(kImageRoute, chat_turns(messages), kUnbounded), expected);
}

TEST(RouterPrompt, HugeSingleUserMessageIsMiddleTrimmed) {
    const std::string content =
        "HEAD_MARKER_START " + std::string(500'000, 'A') + " TAIL_MARKER_END";
    const std::vector<RouterTurn> turns = {{"user", content}};
    const std::string prompt = build_router_prompt(kImageRoute, turns, 2048);
    // (2048 - 211) tokens of 4 bytes are left for the message.
    const std::vector<RouterTurn> selected = select_router_turns(turns, 2048);
    ASSERT_EQ(selected.size(), 1U);
    EXPECT_EQ(selected[0].text.size(), (2048U - 211U) * 4U);
    EXPECT_LT(prompt.size(), 2048U * 4U + 846U + 1024U);
    EXPECT_NE(prompt.find("HEAD_MARKER_START "), std::string::npos);
    EXPECT_NE(prompt.find(" TAIL_MARKER_END"), std::string::npos);
    EXPECT_NE(prompt.find("…"), std::string::npos);
}

TEST(RouterPrompt, TurnCapLimitsRoutingHistory) {
    std::vector<RouterTurn> turns;
    for (int i = 0; i < 32; ++i) {
        turns.push_back({i % 2 == 0 ? "user" : "assistant", fmt::format("turn-{:03}", i)});
    }
    const std::string prompt = build_router_prompt(kImageRoute, turns, kUnbounded);
    for (int i = 0; i < 32; ++i) {
        EXPECT_EQ(prompt.find(fmt::format("turn-{:03}", i)) != std::string::npos, i >= 16) << i;
    }
}

TEST(RouterPrompt, TemplateCountsAs211Tokens) {
    // A 40-byte (10-token) user turn fits a 221-token budget whole and is trimmed at 220.
    const std::vector<RouterTurn> turns = {{"user", std::string(40, 'x')}};
    EXPECT_EQ(select_router_turns(turns, 221)[0].text, std::string(40, 'x'));
    EXPECT_EQ(select_router_turns(turns, 220)[0].text,
              std::string(19, 'x') + "…" + std::string(14, 'x'));
}

TEST(RouterPrompt, OverflowingAssistantTurnEndsTheWalk) {
    const std::vector<RouterTurn> turns = {
        {"user", "old"}, {"assistant", std::string(400, 'a')}, {"user", "new"}};
    const auto selected = select_router_turns(turns, 250);
    ASSERT_EQ(selected.size(), 1U);
    EXPECT_EQ(selected[0].text, "new");
}

TEST(RouterPrompt, NothingFitsKeepsTheNewestTurnWhole) {
    const std::vector<RouterTurn> turns = {{"user", "a"}, {"assistant", std::string(10'000, 'b')}};
    const auto selected = select_router_turns(turns, 100);
    ASSERT_EQ(selected.size(), 1U);
    EXPECT_EQ(selected[0].role, "assistant");
    EXPECT_EQ(selected[0].text.size(), 10'000U);
}

TEST(RouterPrompt, EmptyConversationIsAnEmptyArray) {
    EXPECT_EQ(build_router_prompt(kImageRoute, {}, kUnbounded), golden_with_conversation("[]"));
}

TEST(RouterPrompt, RoutesOneObjectPerLineInGivenOrder) {
    const std::vector<RouteSpec> routes = {{"b", "second: \"quoted\""}, {"a", "first, {routes}"}};
    const std::string expected = golden_with(
        kRoutesOpen, kRoutesClose,
        "{\"name\": \"b\", \"description\": \"second: \\\"quoted\\\"\", \"parameters\": "
        "{\"type\": \"object\", \"properties\": {}, \"required\": []}}\n"
        "{\"name\": \"a\", \"description\": \"first, {routes}\", \"parameters\": "
        "{\"type\": \"object\", \"properties\": {}, \"required\": []}}");
    EXPECT_EQ(build_router_prompt(routes, chat_turns(kThreeTurns), kUnbounded), expected);
}

TEST(RouterPrompt, PlaceholdersInTextAreNotSubstituted) {
    const std::vector<RouteSpec> routes = {{"r", "see {conversation}"}};
    const std::vector<RouterTurn> turns = {{"user", "what is {routes}?"}};
    const std::string prompt = build_router_prompt(routes, turns, kUnbounded);
    EXPECT_NE(prompt.find(R"("description": "see {conversation}")"), std::string::npos);
    EXPECT_NE(prompt.find(R"("content": "what is {routes}?")"), std::string::npos);
}

TEST(RouterPrompt, EscapesLikePythonJsonDumps) {
    // json.dumps(..., ensure_ascii=False): short escapes where Python has them, \u00XX for other
    // control characters, DEL and non-ASCII raw; invalid UTF-8 cannot be sent and becomes U+FFFD.
    const std::vector<RouterTurn> turns = {
        {"user", "q\"b\\n\n r\r t\t b\b f\f x\x01 \x1f d\x7f é\xff"}};
    const std::string prompt = build_router_prompt(kImageRoute, turns, kUnbounded);
    EXPECT_NE(prompt.find(R"("content": "q\"b\\n\n r\r t\t b\b f\f x\u0001 \u001f d)"
                          "\x7f é\xEF\xBF\xBD\"\n"),
              std::string::npos)
        << prompt;
}

TEST(RouterPrompt, TrimMiddleKeepsShortTextAndSplitsSixtyForty) {
    EXPECT_EQ(trim_middle("hello", 100), "hello");
    EXPECT_EQ(trim_middle("hello", 5), "hello");
    // 10 bytes: 7 for text, 4 of them from the head, 3 from the tail.
    EXPECT_EQ(trim_middle("abcdefghijklmnopqrst", 10), "abcd…rst");
    EXPECT_EQ(trim_middle("abcdefgh", 2), "ab");
    EXPECT_EQ(trim_middle("abcdefgh", 3), "abc");
    EXPECT_EQ(trim_middle("abcdefgh", 0), "");
}

TEST(RouterPrompt, TrimMiddleRespectsUtf8Boundaries) {
    std::string accents;
    for (int i = 0; i < 50; ++i) accents += "é";
    const std::string out = trim_middle(accents, 25);
    EXPECT_LE(out.size(), 25U);
    EXPECT_TRUE(simdjson::validate_utf8(out.data(), out.size()));
    EXPECT_EQ(out, "éééééé…ééééé");  // 22 available: head 13 -> 12 bytes, tail 10
    EXPECT_EQ(trim_middle("ééé", 3), "é");
    EXPECT_EQ(trim_middle("€€", 2), "");
}

TEST(RouterPrompt, TrimMiddleOnInvalidUtf8StaysInBounds) {
    const std::string continuation(100, '\x80');  // no character boundary anywhere inside
    EXPECT_EQ(trim_middle(continuation, 2), "");
    const std::string out = trim_middle(continuation, 20);
    EXPECT_EQ(out, "…");
    const std::string mixed = std::string("ab\xC3") + std::string(30, '\xA9') + "yz";
    const std::string trimmed = trim_middle(mixed, 12);
    EXPECT_LE(trimmed.size(), 12U);
    EXPECT_EQ(trimmed.substr(0, 2), "ab");
    // Bytes that start no sequence are boundaries, so they can survive the trim; the prompt
    // still carries valid UTF-8 (each becomes U+FFFD). 5 tokens are left: 10 + 3 + 7 bytes.
    const std::vector<RouterTurn> invalid = {{"user", std::string(100, '\xFF')}};
    EXPECT_EQ(select_router_turns(invalid, 216)[0].text,
              std::string(10, '\xFF') + "…" + std::string(7, '\xFF'));
    const std::string prompt = build_router_prompt(kImageRoute, invalid, 216);
    EXPECT_TRUE(simdjson::validate_utf8(prompt.data(), prompt.size()));
    std::string replaced;
    for (int i = 0; i < 10; ++i) replaced += "\xEF\xBF\xBD";
    EXPECT_NE(prompt.find(R"("content": ")" + replaced + "…"), std::string::npos);
}

TEST(RouterPrompt, Utf8PrefixNeverEndsInsideACharacter) {
    EXPECT_EQ(utf8_prefix("aé", 2), "a");
    EXPECT_EQ(utf8_prefix("aé", 3), "aé");
    EXPECT_EQ(utf8_prefix("aé", 99), "aé");
    EXPECT_EQ(utf8_prefix("", 4), "");
}

TEST(RouterRequestBody, CompactInReferenceOrder) {
    EXPECT_EQ(router_request_body("katanemo/Plano-Orchestrator-4B", "\nline \"q\" …\n"),
              R"({"messages":[{"role":"user","content":"\nline \"q\" …\n"}],)"
              R"("model":"katanemo/Plano-Orchestrator-4B","temperature":0.01})");
}

TEST(RouterRequestBody, CarriesAWholePromptAsValidJson) {
    const std::string prompt = build_router_prompt(kImageRoute, chat_turns(kThreeTurns));
    const std::string body = router_request_body("Plano-Orchestrator", prompt);
    simdjson::dom::parser parser;
    std::string_view content;
    ASSERT_EQ(parser.parse(simdjson::padded_string(body))["messages"].at(0)["content"].get(content),
              simdjson::SUCCESS);
    EXPECT_EQ(content, prompt);
}

}  // namespace
}  // namespace gw::routing
