#pragma once
// A tiny leveled logger. Formatting happens only when the level is enabled; the sink writes whole
// lines to stderr with one write(2) each, so lines from different threads never interleave.

#include <fmt/core.h>

#include <string_view>

namespace gw::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3, Off = 4 };

void set_level(Level level);
Level level();
// Parses "debug", "info", "warn", "error", "off" (case-insensitive); unknown text keeps Info.
Level parse_level(std::string_view text);
void write(Level level, std::string_view message);

template <class... Args>
void emit(Level lvl, fmt::format_string<Args...> format, Args&&... args) {
    if (lvl < level()) return;
    write(lvl, fmt::format(format, std::forward<Args>(args)...));
}

template <class... Args>
void debug(fmt::format_string<Args...> f, Args&&... a) {
    emit(Level::Debug, f, std::forward<Args>(a)...);
}
template <class... Args>
void info(fmt::format_string<Args...> f, Args&&... a) {
    emit(Level::Info, f, std::forward<Args>(a)...);
}
template <class... Args>
void warn(fmt::format_string<Args...> f, Args&&... a) {
    emit(Level::Warn, f, std::forward<Args>(a)...);
}
template <class... Args>
void error(fmt::format_string<Args...> f, Args&&... a) {
    emit(Level::Error, f, std::forward<Args>(a)...);
}

}  // namespace gw::log
