#include "gw/mock/route_choice.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <set>
#include <vector>

namespace gw::mock {
namespace {

namespace json = boost::json;

constexpr std::size_t kMinWordLength = 4;

std::string_view between(std::string_view text, std::string_view open, std::string_view close) {
    const std::size_t start = text.find(open);
    if (start == std::string_view::npos) return {};
    const std::size_t from = start + open.size();
    const std::size_t end = text.find(close, from);
    return end == std::string_view::npos ? std::string_view{} : text.substr(from, end - from);
}

std::set<std::string> words_of(std::string_view text) {
    std::set<std::string> out;
    std::string word;
    auto flush = [&] {
        if (word.size() >= kMinWordLength) out.insert(word);
        word.clear();
    };
    for (const char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::string last_user_turn(std::string_view conversation) {
    boost::system::error_code ec;
    const json::value turns = json::parse(conversation, ec);
    if (ec || !turns.is_array()) return {};
    std::string last;
    for (const json::value& turn : turns.get_array()) {
        const auto* fields = turn.if_object();
        if (fields == nullptr) continue;
        const auto* role = fields->if_contains("role");
        const auto* content = fields->if_contains("content");
        if (role && content && role->is_string() && content->is_string() &&
            role->get_string() == "user") {
            last = std::string(content->get_string());
        }
    }
    return last;
}

std::size_t shared_words(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::size_t n = 0;
    for (const std::string& w : a) n += b.count(w);
    return n;
}

}  // namespace

std::optional<std::string> route_choice(std::string_view prompt) {
    const std::string_view routes = between(prompt, "<routes>\n", "\n</routes>");
    const std::string_view conversation = between(prompt, "<conversation>\n", "\n</conversation>");
    if (routes.empty() || conversation.empty()) return std::nullopt;
    const std::set<std::string> user_words = words_of(last_user_turn(conversation));
    std::string best;
    std::size_t best_score = 0;
    std::size_t at = 0;
    while (at < routes.size()) {
        std::size_t end = routes.find('\n', at);
        if (end == std::string_view::npos) end = routes.size();
        boost::system::error_code ec;
        const json::value route = json::parse(routes.substr(at, end - at), ec);
        at = end + 1;
        if (ec || !route.is_object()) continue;
        const auto* name = route.get_object().if_contains("name");
        const auto* description = route.get_object().if_contains("description");
        if (!name || !name->is_string()) continue;
        std::string text(name->get_string());
        if (description && description->is_string())
            text += " " + std::string(description->get_string());
        const std::size_t score = shared_words(words_of(text), user_words);
        if (score > best_score) {
            best_score = score;
            best = std::string(name->get_string());
        }
    }
    json::object answer;
    json::array chosen;
    if (best_score > 0) chosen.emplace_back(best);
    answer["route"] = std::move(chosen);
    return json::serialize(answer);
}

}  // namespace gw::mock
