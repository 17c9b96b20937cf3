// An upstream error body in the client API's error shape. The provider's status is kept by the
// caller; the message is kept verbatim, the type when the client's ecosystem knows it.

#include "gw/json/padded_input.hpp"
#include "gw/json/writer.hpp"
#include "gw/translate/request_decode.hpp"
#include "gw/translate/translate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>

namespace gw::translate {
namespace detail {
namespace {

using llm::ApiFormat;

// Plain-text error pages (proxies, load balancers) can be large; a client needs the gist.
constexpr size_t kTextMessageLimit = 1024;

enum class Family { OpenAi, Anthropic };

Family family_of(ApiFormat api) {
    return api == ApiFormat::AnthropicMessages ? Family::Anthropic : Family::OpenAi;
}

struct UpstreamError {
    std::string message;
    std::string type;
    std::string code_json;  // OpenAI's `code` (a string or a number) as JSON; empty when absent
    std::optional<Family> shape;  // nullopt when the body had neither API's error shape
};

std::string_view string_or_empty(const object& obj, std::string_view key) {
    auto text = string_member(obj, key);
    return text ? *text : std::string_view{};
}

// {"error":{"message","type","code"}} or Anthropic's {"type":"error","error":{"type","message"}}.
UpstreamError read_error_object(const object& root, const object& error) {
    UpstreamError out;
    out.message = string_or_empty(error, "message");
    out.type = string_or_empty(error, "type");
    if (auto code = member(error, "code"); code && (code->is_string() || code->is_number())) {
        out.code_json = compact_json(*code);
    }
    out.shape = string_or_empty(root, "type") == "error" ? Family::Anthropic : Family::OpenAi;
    return out;
}

// The shapes other providers use: {"error":"text"} or {"message":"text"}. Bedrock's is the
// latter, its type only in the x-amzn-errortype header, so the status chooses the client's type;
// AWS's authorization layer spells the member "Message".
UpstreamError read_loose_error(const object& root) {
    UpstreamError out;
    auto error = member(root, "error");
    if (error && error->is_string()) {
        out.message = *as_string(*error, "");
    } else {
        out.message = string_or_empty(root, "message");
        if (out.message.empty()) out.message = string_or_empty(root, "Message");
    }
    return out;
}

std::optional<UpstreamError> read_json_error(std::string_view body) {
    json::detail::ParseInput<simdjson::dom::parser> input(body);
    element root;
    if (input.parser().parse(input.view()).get(root) != simdjson::SUCCESS) return std::nullopt;
    // Google's OpenAI-compatible endpoint wraps its error object in a one-element array.
    if (element first; root.is_array() && root.at(0).get(first) == simdjson::SUCCESS) {
        root = first;
    }
    object root_object;
    if (root.get_object().get(root_object) != simdjson::SUCCESS) return std::nullopt;
    object error;
    if (root_object["error"].get_object().get(error) == simdjson::SUCCESS) {
        return read_error_object(root_object, error);
    }
    return read_loose_error(root_object);
}

// `text` without surrounding whitespace, cut to at most `limit` bytes on a UTF-8 boundary.
std::string_view excerpt(std::string_view text, size_t limit) {
    const auto not_space = text.find_first_not_of(" \t\r\n");
    if (not_space == std::string_view::npos) return {};
    text = text.substr(not_space, text.find_last_not_of(" \t\r\n") - not_space + 1);
    if (text.size() <= limit) return text;
    size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

UpstreamError read_error(unsigned status, std::string_view body) {
    UpstreamError error = read_json_error(body).value_or(UpstreamError{});
    if (error.message.empty()) error.message = excerpt(body, kTextMessageLimit);
    if (error.message.empty()) {
        error.message = fmt::format("the provider answered HTTP {} without a message", status);
    }
    return error;
}

struct TypesByStatus {
    unsigned status;
    std::string_view openai;
    std::string_view anthropic;
};

constexpr std::array<TypesByStatus, 6> kTypesByStatus{{
    {400, "invalid_request_error", "invalid_request_error"},
    {401, "authentication_error", "authentication_error"},
    {403, "permission_error", "permission_error"},
    {404, "not_found_error", "not_found_error"},
    {429, "rate_limit_error", "rate_limit_error"},
    {529, "server_error", "overloaded_error"},
}};

std::string_view type_for_status(Family family, unsigned status) {
    for (const TypesByStatus& row : kTypesByStatus) {
        if (row.status == status) return family == Family::Anthropic ? row.anthropic : row.openai;
    }
    if (status < 500) return "invalid_request_error";
    return family == Family::Anthropic ? "api_error" : "server_error";
}

constexpr std::string_view kOpenAiTypes[] = {
    "invalid_request_error", "authentication_error", "permission_error",
    "not_found_error",       "rate_limit_error",     "server_error",
};
constexpr std::string_view kAnthropicTypes[] = {
    "invalid_request_error", "authentication_error", "permission_error",
    "not_found_error",       "rate_limit_error",     "api_error",
    "overloaded_error",
};

bool is_native_type(Family family, std::string_view type) {
    std::span<const std::string_view> types = kOpenAiTypes;
    if (family == Family::Anthropic) types = kAnthropicTypes;
    return std::ranges::find(types, type) != types.end();
}

// A provider's own type survives inside its ecosystem (an OpenAI-compatible provider's
// `insufficient_quota` for a Responses client); across ecosystems only the types both share do.
std::string_view client_type(const UpstreamError& error, Family client, unsigned status) {
    if (!error.type.empty() && (error.shape == client || is_native_type(client, error.type))) {
        return error.type;
    }
    return type_for_status(client, status);
}

std::string render(Family client, const UpstreamError& error, std::string_view type) {
    std::string out;
    json::JsonWriter w(out);
    if (client == Family::Anthropic) {
        w.begin_object().key("type").string("error").key("error").begin_object();
        w.key("type").string(type).key("message").string(error.message);
        w.end_object().end_object();
        return out;
    }
    w.begin_object().key("error").begin_object();
    w.key("message").string(error.message).key("type").string(type).key("code");
    if (error.code_json.empty()) {
        w.null();
    } else {
        w.raw(error.code_json);
    }
    w.end_object().end_object();
    return out;
}

}  // namespace
}  // namespace detail

std::string translate_error(llm::ApiFormat from, llm::ApiFormat to, unsigned status,
                            std::string_view body) {
    if (from == to) return std::string(body);
    const detail::UpstreamError error = detail::read_error(status, body);
    const detail::Family client = detail::family_of(to);
    return detail::render(client, error, detail::client_type(error, client, status));
}

}  // namespace gw::translate
