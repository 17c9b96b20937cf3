// Session keys: the hash of the reference byte for byte (golden values from an independent
// implementation of dataplane.md §4.5), and which parts of a request they depend on.

#include "gw/routing/affinity_hash.hpp"

#include "gw/translate/translate.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>

namespace gw::routing {
namespace {

using translate::ContentPart;
using translate::Role;

translate::Request chat(std::string_view body) {
    return translate::decode_request(llm::ApiFormat::OpenAiChat, body).value();
}

ContentPart text(std::string_view value) {
    ContentPart part;
    part.text = value;
    return part;
}

translate::Message message(Role role, std::string_view value) { return {role, {text(value)}}; }

translate::ToolDefinition tool(std::string_view name) {
    translate::ToolDefinition definition;
    definition.name = name;
    return definition;
}

translate::Request coding_agent(std::initializer_list<translate::Message> messages) {
    translate::Request request;
    request.system.push_back(text("You are a coding agent."));
    request.messages = messages;
    return request;
}

TEST(AffinityHash, SaltAloneIsGolden) { EXPECT_EQ(affinity_hash({}), 0x0ad86c2f45ce2e41ULL); }

TEST(AffinityHash, SeparatorKeepsChunkBoundaries) {
    const std::array<std::string_view, 2> ab_c{"ab", "c"};
    const std::array<std::string_view, 2> a_bc{"a", "bc"};
    EXPECT_EQ(affinity_hash(ab_c), 0x4e68a485f03e5f35ULL);
    EXPECT_EQ(affinity_hash(a_bc), 0xc1b88d9716ad6e3fULL);
}

TEST(AffinityHash, HexIsSixteenLowercaseDigits) {
    EXPECT_EQ(hash_hex(0x1), "0000000000000001");
    EXPECT_EQ(hash_hex(0xABCDEF0123456789ULL), "abcdef0123456789");
}

TEST(SessionKeys, GoldenKeysOfAChatRequest) {
    const SessionKeys keys = session_keys(chat(R"({"model":"m","messages":[
        {"role":"system","content":"You are a coding agent."},
        {"role":"user","content":"Fix the bug in main.rs"}]})"),
                                          "");
    EXPECT_EQ(keys.prefix_hash, 0x5364dda745adbf65ULL);
    EXPECT_EQ(keys.implicit_session, "implicit:5a7d7357e976d47b");
}

TEST(SessionKeys, GoldenKeysWithTenantToolsAndSeveralParts) {
    translate::Request request;
    request.system = {text("sys a"), text("sys b")};
    request.tools = {tool("get_weather"), tool("search")};
    ContentPart image;
    image.kind = ContentPart::Kind::Image;
    image.image_url = "https://example.com/a.png";
    request.messages = {{Role::User, {text("look"), image, text("at this")}}};
    const SessionKeys keys = session_keys(request, "acme");
    EXPECT_EQ(keys.prefix_hash, 0x1a9e1467a1d6d5a2ULL);
    EXPECT_EQ(keys.implicit_session, "implicit:772ec75382c908ed");
}

TEST(SessionKeys, SameConversationKeysAlikeInEveryApi) {
    const translate::Request from_chat = chat(R"({"model":"m","messages":[
        {"role":"system","content":"You are a coding agent."},
        {"role":"user","content":"Fix the bug in main.rs"}]})");
    const translate::Request from_messages =
        translate::decode_request(llm::ApiFormat::AnthropicMessages,
                                  R"({"model":"m","max_tokens":10,
                                      "system":"You are a coding agent.",
                                      "messages":[{"role":"user","content":"Fix the bug in main.rs"}]})")
            .value();
    EXPECT_EQ(session_keys(from_chat, "").implicit_session,
              session_keys(from_messages, "").implicit_session);
    EXPECT_EQ(session_keys(from_chat, "").prefix_hash, session_keys(from_messages, "").prefix_hash);
}

TEST(SessionKeys, StableAsHistoryGrows) {
    const SessionKeys turn1 =
        session_keys(coding_agent({message(Role::User, "Fix the bug in main.rs")}), "");
    const SessionKeys turn5 = session_keys(coding_agent({
                                               message(Role::User, "Fix the bug in main.rs"),
                                               message(Role::Assistant, "Done. Anything else?"),
                                               message(Role::User, "Now add tests"),
                                               message(Role::Assistant, "Added."),
                                           }),
                                           "");
    EXPECT_EQ(turn1.implicit_session, turn5.implicit_session);
    EXPECT_EQ(turn1.prefix_hash, turn5.prefix_hash);
    EXPECT_TRUE(turn1.implicit_session->starts_with("implicit:"));
    EXPECT_EQ(turn1.implicit_session->size(), 9u + 16u);
}

TEST(SessionKeys, OtherFirstUserMessageIsAnotherSessionOnTheSamePrefix) {
    const SessionKeys a = session_keys(coding_agent({message(Role::User, "conversation A")}), "");
    const SessionKeys b = session_keys(coding_agent({message(Role::User, "conversation B")}), "");
    EXPECT_EQ(a.prefix_hash, b.prefix_hash);
    EXPECT_NE(a.implicit_session, b.implicit_session);
}

TEST(SessionKeys, ChangedSystemPromptChangesBoth) {
    translate::Request v1 = coding_agent({message(Role::User, "hi")});
    translate::Request v2 = v1;
    v2.system = {text("v2 prompt")};
    EXPECT_NE(session_keys(v1, "").prefix_hash, session_keys(v2, "").prefix_hash);
    EXPECT_NE(session_keys(v1, "").implicit_session, session_keys(v2, "").implicit_session);
}

TEST(SessionKeys, ToolsAndTenantArePartOfBoth) {
    const translate::Request plain = coding_agent({message(Role::User, "u")});
    translate::Request with_tools = plain;
    with_tools.tools = {tool("get_weather")};
    const SessionKeys base = session_keys(plain, "");
    EXPECT_NE(base.implicit_session, session_keys(with_tools, "").implicit_session);
    EXPECT_NE(base.prefix_hash, session_keys(with_tools, "").prefix_hash);
    EXPECT_NE(base.implicit_session, session_keys(plain, "acme").implicit_session);
    EXPECT_NE(base.prefix_hash, session_keys(plain, "acme").prefix_hash);
}

TEST(SessionKeys, AnchorsOnTheFirstUserMessageNotTheFirstMessage) {
    const SessionKeys with_greeting = session_keys(
        coding_agent({message(Role::Assistant, "Hello!"), message(Role::User, "hi")}), "");
    const SessionKeys without = session_keys(coding_agent({message(Role::User, "hi")}), "");
    EXPECT_EQ(with_greeting.implicit_session, without.implicit_session);
}

TEST(SessionKeys, NoUserMessageGivesNeither) {
    const SessionKeys none = session_keys(coding_agent({}), "");
    EXPECT_FALSE(none.prefix_hash);
    EXPECT_FALSE(none.implicit_session);
    const SessionKeys assistant_only =
        session_keys(coding_agent({message(Role::Assistant, "a"), message(Role::Tool, "t")}), "t");
    EXPECT_FALSE(assistant_only.prefix_hash);
    EXPECT_FALSE(assistant_only.implicit_session);
}

}  // namespace
}  // namespace gw::routing
