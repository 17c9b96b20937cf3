// Responses JSON transformations: a request's input as items, history prepended, a response's
// output as next-turn input, and unreadable input.

#include "gw/state/history.hpp"

#include <gtest/gtest.h>

namespace gw::state {
namespace {

constexpr std::string_view kUserHi =
    R"([{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}])";

TEST(RequestInputItems, StringInputBecomesOneUserMessage) {
    EXPECT_EQ(request_input_items(R"({"model":"m","input":"hi"})").value(), kUserHi);
}

TEST(RequestInputItems, StringInputIsEscaped) {
    EXPECT_EQ(request_input_items(R"({"input":"say \"hi\"\n"})").value(),
              R"([{"type":"message","role":"user","content":[{"type":"input_text",)"
              R"("text":"say \"hi\"\n"}]}])");
}

TEST(RequestInputItems, ArrayInputIsKeptAsIs) {
    EXPECT_EQ(request_input_items(R"({"input": [ {"role":"user","content":"a"} ]})").value(),
              R"([{"role":"user","content":"a"}])");
}

TEST(RequestInputItems, MissingOrNullInputIsEmpty) {
    EXPECT_EQ(request_input_items(R"({"model":"m"})").value(), "[]");
    EXPECT_EQ(request_input_items(R"({"input":null})").value(), "[]");
}

TEST(RequestInputItems, RejectsOtherInputTypesAndNonObjects) {
    EXPECT_EQ(request_input_items(R"({"input":42})").error().message,
              "\"input\" must be a string or an array of input items");
    EXPECT_EQ(request_input_items("[1]").error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(request_input_items(R"({"input":"hi")").error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(request_input_items("").error().kind, Error::Kind::InvalidArgument);
}

TEST(PrependHistory, PutsStoredItemsBeforeTheRequestInputAndDropsThePreviousId) {
    const std::string stored = R"([{"role":"user","content":"one"},)"
                               R"({"type":"message","role":"assistant","content":[]}])";
    auto body = prepend_history(R"({"model":"claude","previous_response_id":"resp_1",)"
                                R"("input":"hi","stream":true,"tools":[{"type":"function"}]})",
                                stored);
    ASSERT_TRUE(body) << body.error().message;
    EXPECT_EQ(*body,
              R"({"input":[{"role":"user","content":"one"},)"
              R"({"type":"message","role":"assistant","content":[]},)"
              R"({"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}],)"
              R"("model":"claude","stream":true,"tools":[{"type":"function"}]})");
}

TEST(PrependHistory, ArrayInputAndEmptyHistory) {
    EXPECT_EQ(prepend_history(R"({"input":[{"role":"user","content":"a"}]})", "[]").value(),
              R"({"input":[{"role":"user","content":"a"}]})");
    EXPECT_EQ(prepend_history(R"({"input":[]})", R"([{"role":"user","content":"a"}])").value(),
              R"({"input":[{"role":"user","content":"a"}]})");
}

TEST(PrependHistory, MissingInputIsTheHistoryAlone) {
    EXPECT_EQ(prepend_history(R"({"model":"m"})", R"([1])").value(),
              R"({"input":[1],"model":"m"})");
}

TEST(PrependHistory, RejectsUnreadableBodiesAndHistories) {
    EXPECT_EQ(prepend_history(R"({"input":"hi")", "[]").error().kind, Error::Kind::InvalidArgument);
    EXPECT_EQ(prepend_history(R"({"input":true})", "[]").error().kind,
              Error::Kind::InvalidArgument);
    EXPECT_EQ(prepend_history(R"({"input":"hi"})", R"({"not":"an array"})").error().kind,
              Error::Kind::Protocol);
    EXPECT_EQ(prepend_history(R"({"input":"hi"})", "[").error().kind, Error::Kind::Protocol);
}

TEST(ResponseOutputItems, TurnsOutputIntoNextTurnInput) {
    auto output = response_output_items(
        R"({"id":"resp_abc","object":"response","status":"completed","output":[)"
        R"({"type":"reasoning","id":"rs_1","summary":[]},)"
        R"({"type":"message","id":"msg_1","status":"completed","role":"assistant","content":[)"
        R"({"type":"output_text","text":"Hello","annotations":[]},)"
        R"({"type":"refusal","refusal":"no"}]},)"
        R"({"type":"message","role":"assistant","content":[{"type":"refusal","refusal":"no"}]},)"
        R"({"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather",)"
        R"("arguments":"{\"city\":\"Paris\"}","status":"completed"}],)"
        R"("usage":{"input_tokens":3,"output_tokens":2}})");
    ASSERT_TRUE(output.has_value());
    EXPECT_EQ(output->response_id, "resp_abc");
    EXPECT_EQ(output->items_json,
              R"([{"type":"message","role":"assistant","content":[)"
              R"({"type":"output_text","text":"Hello"}]},)"
              R"({"type":"function_call","call_id":"call_1","name":"get_weather",)"
              R"("arguments":"{\"city\":\"Paris\"}"}])");
}

TEST(ResponseOutputItems, EmptyOutputIsAnEmptyList) {
    EXPECT_EQ(response_output_items(R"({"id":"resp_1","output":[]})")->items_json, "[]");
}

TEST(ResponseOutputItems, NothingForErrorBodiesAndGarbage) {
    EXPECT_FALSE(response_output_items(R"({"error":{"message":"bad"}})").has_value());
    EXPECT_FALSE(response_output_items(R"({"id":"resp_1"})").has_value());
    EXPECT_FALSE(response_output_items(R"({"output":[]})").has_value());
    EXPECT_FALSE(response_output_items(R"({"id":"resp_1","output":[)").has_value());
    EXPECT_FALSE(response_output_items("data: {}").has_value());
}

TEST(JoinItems, ConcatenatesArrays) {
    EXPECT_EQ(join_items("[1,2]", "[3]"), "[1,2,3]");
    EXPECT_EQ(join_items("[]", "[3]"), "[3]");
    EXPECT_EQ(join_items("[1]", "[]"), "[1]");
    EXPECT_EQ(join_items("[]", "[]"), "[]");
    EXPECT_EQ(join_items(" [ {\"a\": [1]} ] ", "[\n 2 \n]"), "[{\"a\": [1]},2]");
}

}  // namespace
}  // namespace gw::state
