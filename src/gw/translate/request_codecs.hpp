#pragma once
// Internal to gw_translate: one request decoder and encoder per API, dispatched by
// request_translate.cpp. Decoders return client-facing InvalidArgument errors ("Failed to parse
// request: ..."); encoders cannot fail.

#include "gw/base/result.hpp"
#include "gw/translate/ir.hpp"
#include "gw/translate/translate.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gw::translate::detail {

Result<Request> decode_chat_request(std::string_view body);
Result<Request> decode_messages_request(std::string_view body);
Result<Request> decode_responses_request(std::string_view body);

std::string encode_chat_request(const Request& request, const RequestOptions& options);
std::string encode_messages_request(const Request& request, const RequestOptions& options);
// Bedrock Converse: the model id goes in the path, not the body, so `options` is not read.
std::string encode_converse_request(const Request& request, const RequestOptions& options);

// A turn of an API whose roles must alternate (Messages, Converse): consecutive messages of one
// role, and tool results (which both carry in user turns), share one. Empty text blocks and
// thinking without its signature are left out: both APIs reject them.
struct AlternatingTurn {
    bool assistant = false;
    std::vector<const ContentPart*> blocks;
};
std::vector<AlternatingTurn> alternating_turns(const Request& request);

// The text of the Text parts joined by '\n': how content a target API can only hold as one
// string (a tool result, a Chat system message) is flattened.
std::string joined_text(const std::vector<ContentPart>& parts);

// A tool call's arguments as Anthropic's tool_use `input` (or Converse's toolUse `input`), which
// must be an object: models do emit broken or empty argument strings, and those become {} rather
// than a body (or an answer) the other side cannot parse. Shared by the request and the response
// Messages encoders and the Converse request encoder.
std::string messages_tool_input(std::string_view arguments);

}  // namespace gw::translate::detail
