#pragma once
// Decides what the mock answers to one request: pure, no I/O (the session only performs the plan).

#include "gw/mock/fault_script.hpp"
#include "gw/mock/render.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gw::mock {

struct PlannedResponse {
    unsigned status = 200;
    std::string_view content_type = "application/json";
    std::vector<std::pair<std::string_view, std::string>> extra_headers;
    std::string body;  // sent when !stream
    bool stream = false;
    std::vector<SseFrame> frames;  // sent as a chunked text/event-stream when stream
};

// `seq` numbers the response ids. Faults (x-mock-status) apply to every route.
[[nodiscard]] PlannedResponse plan_response(std::string_view method, std::string_view target,
                                            std::string_view body, const FaultScript& script,
                                            uint64_t seq);

}  // namespace gw::mock
