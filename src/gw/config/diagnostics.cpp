#include "gw/config/diagnostics.hpp"

#include <fmt/format.h>

namespace gw::config {

std::string ConfigError::to_string() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) out += fmt::format(":{}:{}", line, column);
        out += ": ";
    }
    if (!key.empty()) out += key + ": ";
    out += message;
    return out;
}

namespace detail {

void Diagnostics::error(Mark mark, std::string key, std::string message) {
    errors_.push_back(
        ConfigError{file_, mark.line, mark.column, std::move(key), std::move(message)});
}

}  // namespace detail
}  // namespace gw::config
