#include "gw/proxy/error_reply.hpp"

#include "gw/json/writer.hpp"

namespace gw::proxy {

std::string render_error(llm::ApiFormat api, const ErrorReply& error) {
    std::string out;
    json::JsonWriter w(out);
    if (api == llm::ApiFormat::AnthropicMessages) {
        w.begin_object().key("type").string("error").key("error").begin_object();
        w.key("type").string(error.type).key("message").string(error.message);
        w.end_object().end_object();
        return out;
    }
    w.begin_object().key("error").begin_object();
    w.key("message").string(error.message).key("type").string(error.type);
    w.key("code").string(error.code);
    w.end_object().end_object();
    return out;
}

ErrorReply bad_request(std::string message, std::string code) {
    return {400, std::move(message), "invalid_request_error", std::move(code)};
}

ErrorReply model_not_found(std::string_view model) {
    return bad_request("Model '" + std::string(model) + "' not found in configured providers",
                       "model_not_found");
}

}  // namespace gw::proxy
