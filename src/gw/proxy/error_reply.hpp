#pragma once
// Errors the gateway itself produces, rendered in the client API's own error shape:
// OpenAI `{"error":{"message","type","code"}}`, Anthropic
// `{"type":"error","error":{"type","message"}}`.

#include "gw/llm/api.hpp"

#include <string>

namespace gw::proxy {

struct ErrorReply {
    int status = 500;
    std::string message;
    std::string type;  // "invalid_request_error", "upstream_error" ...
    std::string code;  // "model_not_found", "invalid_json" ...
};

std::string render_error(llm::ApiFormat api, const ErrorReply& error);

ErrorReply bad_request(std::string message, std::string code);
ErrorReply model_not_found(std::string_view model);

}  // namespace gw::proxy
