#pragma once
// Small helpers shared by the test servers that run as child processes (postgres, redis-server).

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace gw::testing {

// "<doing>: <strerror(errno)>", for the error of a failed system call.
inline std::string errno_text(std::string_view doing) {
    return std::string(doing) + ": " + std::strerror(errno);
}

// The last `max_bytes` of a server's log file, for start-up failure messages ("" if unreadable).
inline std::string file_tail(const std::filesystem::path& file, std::size_t max_bytes) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    return all.size() > max_bytes ? all.substr(all.size() - max_bytes) : all;
}

}  // namespace gw::testing
