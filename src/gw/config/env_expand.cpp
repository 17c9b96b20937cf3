#include "gw/config/env_expand.hpp"

#include <cctype>
#include <cstdlib>
#include <unistd.h>

namespace gw::config {
namespace {

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool is_name_char(char c) {
    return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

std::size_t name_length(std::string_view text) {
    if (text.empty() || !is_name_start(text.front())) return 0;
    std::size_t n = 1;
    while (n < text.size() && is_name_char(text[n])) ++n;
    return n;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.remove_suffix(1);
    }
    return text;
}

std::string unescape_double_quoted(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[++i];
            out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

// A value is either quoted (kept verbatim inside the quotes) or bare, where ` #` starts a comment.
std::string dotenv_value(std::string_view raw) {
    raw = trim(raw);
    if (raw.size() >= 2 && (raw.front() == '"' || raw.front() == '\'')) {
        const std::size_t close = raw.find(raw.front(), 1);
        if (close != std::string_view::npos) {
            std::string_view inner = raw.substr(1, close - 1);
            return raw.front() == '"' ? unescape_double_quoted(inner) : std::string(inner);
        }
    }
    if (const std::size_t comment = raw.find(" #"); comment != std::string_view::npos) {
        raw = trim(raw.substr(0, comment));
    }
    return std::string(raw);
}

}  // namespace

namespace detail {

Expansion expand_env(std::string_view text, const Environment& env) {
    Expansion out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '$' || i + 1 >= text.size()) {
            out.value += text[i++];
            continue;
        }
        std::string_view rest = text.substr(i + 1);
        std::string_view name;
        std::size_t consumed = 0;  // characters after the '$'
        if (rest.front() == '$') {
            out.value += '$';
            i += 2;
            continue;
        }
        if (rest.front() == '{') {
            const std::size_t close = rest.find('}');
            const std::size_t len = name_length(rest.substr(1));
            if (close != std::string_view::npos && len > 0 && len + 1 == close) {
                name = rest.substr(1, len);
                consumed = close + 1;
            }
        } else {
            consumed = name_length(rest);
            name = rest.substr(0, consumed);
        }
        if (name.empty()) {
            out.value += text[i++];
            continue;
        }
        if (auto it = env.find(name); it != env.end()) {
            out.value += it->second;
        } else {
            out.missing.emplace_back(name);
        }
        i += 1 + consumed;
    }
    return out;
}

}  // namespace detail

Environment parse_dotenv(std::string_view text) {
    Environment env;
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        std::string_view line = trim(text.substr(0, eol));
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        if (line.empty() || line.front() == '#') continue;
        if (line.starts_with("export ")) line = trim(line.substr(7));
        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = trim(line.substr(0, eq));
        if (key.empty() || name_length(key) != key.size()) continue;
        env.insert_or_assign(std::string(key), dotenv_value(line.substr(eq + 1)));
    }
    return env;
}

Environment process_environment() {
    Environment env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        std::string_view pair(*entry);
        const std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        env.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    }
    return env;
}

}  // namespace gw::config
