#pragma once
// A fully read client request, handed to the RequestHandler.

#include "gw/base/headers.hpp"

#include <string>
#include <string_view>

namespace gw::http {

struct ServerRequest {
    std::string method;  // "POST"
    std::string target;  // path and query as sent
    Headers headers;
    std::string body;

    // The target without its query string.
    [[nodiscard]] std::string_view path() const {
        std::string_view t(target);
        return t.substr(0, t.find('?'));
    }
};

}  // namespace gw::http
