#pragma once
// The few request fields the proxy needs before forwarding a body it does not re-serialize
// (stack.md §1.3). The whole body is validated: a forwarded request must be well-formed JSON.

#include "gw/base/result.hpp"
#include "gw/json/request_details.hpp"
#include "gw/llm/api.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::json {

struct RequestFields {
    std::optional<std::string> model;  // absent when the body has no "model"
    bool stream = false;               // "stream": true (null and absent mean false)
    bool has_stream_options = false;   // "stream_options" is present
    bool include_usage = false;        // "stream_options": {"include_usage": true}
    // Sampling parameters for span attributes; absent or of the wrong type -> nullopt.
    std::optional<double> temperature;
    std::optional<double> top_p;
    std::optional<int64_t> max_tokens;  // "max_tokens", else "max_completion_tokens"
    // Responses API: the answer this request continues (conversation state).
    std::optional<std::string> previous_response_id;
};

// InvalidArgument when the body is not JSON ("Failed to parse JSON: <detail>"), not an object, or
// when "model" is not a string / "stream" not a boolean, or either appears twice (the gateway and
// the provider might otherwise read different values).
Result<RequestFields> scan_request(std::string_view body);
// The same, and from the same parse the llm span's details (traced requests only); `details` is
// set only when the fields are.
Result<RequestFields> scan_request(std::string_view body, llm::ApiFormat api,
                                   RequestDetails& details);

}  // namespace gw::json
