#include "gw/base/log.hpp"

#include "gw/base/headers.hpp"

#include <fmt/chrono.h>

#include <atomic>
#include <chrono>
#include <string>
#include <unistd.h>

namespace gw::log {
namespace {

std::atomic<Level> g_level{Level::Info};

std::string_view level_name(Level lvl) {
    switch (lvl) {
        case Level::Debug:
            return "debug";
        case Level::Info:
            return "info";
        case Level::Warn:
            return "warn";
        case Level::Error:
            return "error";
        case Level::Off:
            return "off";
    }
    return "?";
}

}  // namespace

void set_level(Level lvl) { g_level.store(lvl, std::memory_order_relaxed); }
Level level() { return g_level.load(std::memory_order_relaxed); }

Level parse_level(std::string_view text) {
    for (Level l : {Level::Debug, Level::Info, Level::Warn, Level::Error, Level::Off}) {
        if (iequals(text, level_name(l))) return l;
    }
    if (iequals(text, "warning")) return Level::Warn;
    return Level::Info;
}

void write(Level lvl, std::string_view message) {
    auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    std::string line =
        fmt::format("[{:%Y-%m-%d %H:%M:%S}][{}] {}\n", now, level_name(lvl), message);
    // A short write to stderr is not worth retrying: logging must never block or fail a request.
    [[maybe_unused]] auto n = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace gw::log
