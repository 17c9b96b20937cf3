// Chat and Messages upstreams streamed to a Responses client: the whole response.* lifecycle with
// sequence numbers, item ids derived from the upstream id, and the final response object.

#include <gtest/gtest.h>

#include "stream_cases.hpp"

namespace gw::translate::testing {
namespace {

TEST(StreamChatToResponses, TextWithIncludeUsage) {
    EXPECT_EQ(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, kChatText),
        sse({
            "event: response.created\n"
            R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_chatcmpl-1","object":"response","created_at":1700000000,"status":"in_progress","incomplete_details":null,"model":"gpt-4o","output":[]}})",
            "event: response.in_progress\n"
            R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_chatcmpl-1","object":"response","created_at":1700000000,"status":"in_progress","incomplete_details":null,"model":"gpt-4o","output":[]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"message","id":"msg_chatcmpl-1","status":"in_progress","role":"assistant","content":[]}})",
            "event: response.content_part.added\n"
            R"(data: {"type":"response.content_part.added","sequence_number":3,"item_id":"msg_chatcmpl-1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}})",
            "event: response.output_text.delta\n"
            R"(data: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_chatcmpl-1","output_index":0,"content_index":0,"delta":"Héllo"})",
            "event: response.output_text.delta\n"
            R"(data: {"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_chatcmpl-1","output_index":0,"content_index":0,"delta":" wörld 😀"})",
            "event: response.output_text.done\n"
            R"(data: {"type":"response.output_text.done","sequence_number":6,"item_id":"msg_chatcmpl-1","output_index":0,"content_index":0,"text":"Héllo wörld 😀"})",
            "event: response.content_part.done\n"
            R"(data: {"type":"response.content_part.done","sequence_number":7,"item_id":"msg_chatcmpl-1","output_index":0,"content_index":0,"part":{"type":"output_text","text":"Héllo wörld 😀","annotations":[]}})",
            "event: response.output_item.done\n"
            R"(data: {"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"type":"message","id":"msg_chatcmpl-1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Héllo wörld 😀","annotations":[]}]}})",
            "event: response.completed\n"
            R"(data: {"type":"response.completed","sequence_number":9,"response":{"id":"resp_chatcmpl-1","object":"response","created_at":1700000000,"status":"completed","incomplete_details":null,"model":"gpt-4o","output":[{"type":"message","id":"msg_chatcmpl-1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Héllo wörld 😀","annotations":[]}]}],"usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":4},"output_tokens":5,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":17}}})",
        }));
}

TEST(StreamChatToResponses, ParallelToolCallsBecomeFunctionCallItems) {
    EXPECT_EQ(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, kChatToolCalls),
        sse({
            "event: response.created\n"
            R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_chatcmpl-2","object":"response","created_at":1700000001,"status":"in_progress","incomplete_details":null,"model":"gpt-4o","output":[]}})",
            "event: response.in_progress\n"
            R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_chatcmpl-2","object":"response","created_at":1700000001,"status":"in_progress","incomplete_details":null,"model":"gpt-4o","output":[]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"function_call","id":"fc_chatcmpl-2_0","call_id":"call_a","name":"get_weather","arguments":"","status":"in_progress"}})",
            "event: response.function_call_arguments.delta\n"
            R"(data: {"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_chatcmpl-2_0","output_index":0,"delta":"{\"city\":"})",
            "event: response.function_call_arguments.delta\n"
            R"(data: {"type":"response.function_call_arguments.delta","sequence_number":4,"item_id":"fc_chatcmpl-2_0","output_index":0,"delta":"\"Paris\"}"})",
            "event: response.function_call_arguments.done\n"
            R"(data: {"type":"response.function_call_arguments.done","sequence_number":5,"item_id":"fc_chatcmpl-2_0","output_index":0,"arguments":"{\"city\":\"Paris\"}"})",
            "event: response.output_item.done\n"
            R"(data: {"type":"response.output_item.done","sequence_number":6,"output_index":0,"item":{"type":"function_call","id":"fc_chatcmpl-2_0","call_id":"call_a","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":7,"output_index":1,"item":{"type":"function_call","id":"fc_chatcmpl-2_1","call_id":"call_b","name":"get_time","arguments":"","status":"in_progress"}})",
            "event: response.function_call_arguments.delta\n"
            R"(data: {"type":"response.function_call_arguments.delta","sequence_number":8,"item_id":"fc_chatcmpl-2_1","output_index":1,"delta":"{\"tz\":\"CET\"}"})",
            "event: response.function_call_arguments.done\n"
            R"(data: {"type":"response.function_call_arguments.done","sequence_number":9,"item_id":"fc_chatcmpl-2_1","output_index":1,"arguments":"{\"tz\":\"CET\"}"})",
            "event: response.output_item.done\n"
            R"(data: {"type":"response.output_item.done","sequence_number":10,"output_index":1,"item":{"type":"function_call","id":"fc_chatcmpl-2_1","call_id":"call_b","name":"get_time","arguments":"{\"tz\":\"CET\"}","status":"completed"}})",
            "event: response.completed\n"
            R"(data: {"type":"response.completed","sequence_number":11,"response":{"id":"resp_chatcmpl-2","object":"response","created_at":1700000001,"status":"completed","incomplete_details":null,"model":"gpt-4o","output":[{"type":"function_call","id":"fc_chatcmpl-2_0","call_id":"call_a","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"},{"type":"function_call","id":"fc_chatcmpl-2_1","call_id":"call_b","name":"get_time","arguments":"{\"tz\":\"CET\"}","status":"completed"}],"usage":{"input_tokens":80,"input_tokens_details":{"cached_tokens":0},"output_tokens":30,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":110}}})",
        }));
}

TEST(StreamChatToResponses, ErrorGivesResponseFailedWithWhatArrived) {
    EXPECT_EQ(
        translate_whole(ApiFormat::OpenAiChat, ApiFormat::OpenAiResponses, kChatError),
        sse({
            "event: response.created\n"
            R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_chatcmpl-3","object":"response","created_at":1700000002,"status":"in_progress","incomplete_details":null,"model":"deepseek-reasoner","output":[]}})",
            "event: response.in_progress\n"
            R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_chatcmpl-3","object":"response","created_at":1700000002,"status":"in_progress","incomplete_details":null,"model":"deepseek-reasoner","output":[]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"reasoning","id":"rs_chatcmpl-3","summary":[]}})",
            "event: response.reasoning_summary_part.added\n"
            R"(data: {"type":"response.reasoning_summary_part.added","sequence_number":3,"item_id":"rs_chatcmpl-3","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}})",
            "event: response.reasoning_summary_text.delta\n"
            R"(data: {"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_chatcmpl-3","output_index":0,"summary_index":0,"delta":"Think"})",
            "event: response.reasoning_summary_text.done\n"
            R"(data: {"type":"response.reasoning_summary_text.done","sequence_number":5,"item_id":"rs_chatcmpl-3","output_index":0,"summary_index":0,"text":"Think"})",
            "event: response.reasoning_summary_part.done\n"
            R"(data: {"type":"response.reasoning_summary_part.done","sequence_number":6,"item_id":"rs_chatcmpl-3","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"Think"}})",
            "event: response.output_item.done\n"
            R"(data: {"type":"response.output_item.done","sequence_number":7,"output_index":0,"item":{"type":"reasoning","id":"rs_chatcmpl-3","summary":[{"type":"summary_text","text":"Think"}]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":8,"output_index":1,"item":{"type":"message","id":"msg_chatcmpl-3","status":"in_progress","role":"assistant","content":[]}})",
            "event: response.content_part.added\n"
            R"(data: {"type":"response.content_part.added","sequence_number":9,"item_id":"msg_chatcmpl-3","output_index":1,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}})",
            "event: response.output_text.delta\n"
            R"(data: {"type":"response.output_text.delta","sequence_number":10,"item_id":"msg_chatcmpl-3","output_index":1,"content_index":0,"delta":"Hi"})",
            "event: response.failed\n"
            R"(data: {"type":"response.failed","sequence_number":11,"response":{"id":"resp_chatcmpl-3","object":"response","created_at":1700000002,"status":"failed","error":{"code":"rate_limit_error","message":"Rate limit reached"},"incomplete_details":null,"model":"deepseek-reasoner","output":[{"type":"reasoning","id":"rs_chatcmpl-3","summary":[{"type":"summary_text","text":"Think"}]},{"type":"message","id":"msg_chatcmpl-3","status":"in_progress","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[]}]}]}})",
        }));
}

TEST(StreamMessagesToResponses, ReasoningTextAndFunctionCallWithCacheUsage) {
    EXPECT_EQ(
        without_stamped_time(translate_whole(ApiFormat::AnthropicMessages,
                                             ApiFormat::OpenAiResponses, kMessagesFull)),
        sse({
            "event: response.created\n"
            R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_msg_01","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"claude-sonnet-4-5","output":[]}})",
            "event: response.in_progress\n"
            R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_msg_01","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"claude-sonnet-4-5","output":[]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"reasoning","id":"rs_msg_01","summary":[]}})",
            "event: response.reasoning_summary_part.added\n"
            R"(data: {"type":"response.reasoning_summary_part.added","sequence_number":3,"item_id":"rs_msg_01","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}})",
            "event: response.reasoning_summary_text.delta\n"
            R"(data: {"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"rs_msg_01","output_index":0,"summary_index":0,"delta":"Let me check."})",
            "event: response.reasoning_summary_text.done\n"
            R"(data: {"type":"response.reasoning_summary_text.done","sequence_number":5,"item_id":"rs_msg_01","output_index":0,"summary_index":0,"text":"Let me check."})",
            "event: response.reasoning_summary_part.done\n"
            R"(data: {"type":"response.reasoning_summary_part.done","sequence_number":6,"item_id":"rs_msg_01","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":"Let me check."}})",
            "event: response.output_item.done\n"
            R"(data: {"type":"response.output_item.done","sequence_number":7,"output_index":0,"item":{"type":"reasoning","id":"rs_msg_01","summary":[{"type":"summary_text","text":"Let me check."}]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":8,"output_index":1,"item":{"type":"message","id":"msg_msg_01","status":"in_progress","role":"assistant","content":[]}})",
            "event: response.content_part.added\n"
            R"(data: {"type":"response.content_part.added","sequence_number":9,"item_id":"msg_msg_01","output_index":1,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}})",
            "event: response.output_text.delta\n"
            R"(data: {"type":"response.output_text.delta","sequence_number":10,"item_id":"msg_msg_01","output_index":1,"content_index":0,"delta":"Looking \"it\" up…"})",
            "event: response.output_text.done\n"
            R"(data: {"type":"response.output_text.done","sequence_number":11,"item_id":"msg_msg_01","output_index":1,"content_index":0,"text":"Looking \"it\" up…"})",
            "event: response.content_part.done\n"
            R"(data: {"type":"response.content_part.done","sequence_number":12,"item_id":"msg_msg_01","output_index":1,"content_index":0,"part":{"type":"output_text","text":"Looking \"it\" up…","annotations":[]}})",
            "event: response.output_item.done\n"
            R"(data: {"type":"response.output_item.done","sequence_number":13,"output_index":1,"item":{"type":"message","id":"msg_msg_01","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Looking \"it\" up…","annotations":[]}]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":14,"output_index":2,"item":{"type":"function_call","id":"fc_msg_01_0","call_id":"toolu_01","name":"get_weather","arguments":"","status":"in_progress"}})",
            "event: response.function_call_arguments.delta\n"
            R"(data: {"type":"response.function_call_arguments.delta","sequence_number":15,"item_id":"fc_msg_01_0","output_index":2,"delta":"{\"city\": \"Par"})",
            "event: response.function_call_arguments.delta\n"
            R"(data: {"type":"response.function_call_arguments.delta","sequence_number":16,"item_id":"fc_msg_01_0","output_index":2,"delta":"is\"}"})",
            "event: response.function_call_arguments.done\n"
            R"(data: {"type":"response.function_call_arguments.done","sequence_number":17,"item_id":"fc_msg_01_0","output_index":2,"arguments":"{\"city\": \"Paris\"}"})",
            "event: response.output_item.done\n"
            R"(data: {"type":"response.output_item.done","sequence_number":18,"output_index":2,"item":{"type":"function_call","id":"fc_msg_01_0","call_id":"toolu_01","name":"get_weather","arguments":"{\"city\": \"Paris\"}","status":"completed"}})",
            "event: response.completed\n"
            R"(data: {"type":"response.completed","sequence_number":19,"response":{"id":"resp_msg_01","object":"response","created_at":NOW,"status":"completed","incomplete_details":null,"model":"claude-sonnet-4-5","output":[{"type":"reasoning","id":"rs_msg_01","summary":[{"type":"summary_text","text":"Let me check."}]},{"type":"message","id":"msg_msg_01","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Looking \"it\" up…","annotations":[]}]},{"type":"function_call","id":"fc_msg_01_0","call_id":"toolu_01","name":"get_weather","arguments":"{\"city\": \"Paris\"}","status":"completed"}],"usage":{"input_tokens":60,"input_tokens_details":{"cached_tokens":30},"output_tokens":42,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":102}}})",
        }));
}

TEST(StreamMessagesToResponses, ErrorEventGivesResponseFailed) {
    EXPECT_EQ(
        without_stamped_time(translate_whole(ApiFormat::AnthropicMessages,
                                             ApiFormat::OpenAiResponses, kMessagesError)),
        sse({
            "event: response.created\n"
            R"(data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_msg_02","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"claude-haiku-4-5","output":[]}})",
            "event: response.in_progress\n"
            R"(data: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_msg_02","object":"response","created_at":NOW,"status":"in_progress","incomplete_details":null,"model":"claude-haiku-4-5","output":[]}})",
            "event: response.output_item.added\n"
            R"(data: {"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"type":"message","id":"msg_msg_02","status":"in_progress","role":"assistant","content":[]}})",
            "event: response.content_part.added\n"
            R"(data: {"type":"response.content_part.added","sequence_number":3,"item_id":"msg_msg_02","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}})",
            "event: response.output_text.delta\n"
            R"(data: {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_msg_02","output_index":0,"content_index":0,"delta":"Hi"})",
            "event: response.failed\n"
            R"(data: {"type":"response.failed","sequence_number":5,"response":{"id":"resp_msg_02","object":"response","created_at":NOW,"status":"failed","error":{"code":"overloaded_error","message":"Overloaded"},"incomplete_details":null,"model":"claude-haiku-4-5","output":[{"type":"message","id":"msg_msg_02","status":"in_progress","role":"assistant","content":[{"type":"output_text","text":"Hi","annotations":[]}]}],"usage":{"input_tokens":7,"input_tokens_details":{"cached_tokens":0},"output_tokens":1,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":8}}})",
        }));
}

}  // namespace
}  // namespace gw::translate::testing
