#include "gw/http/aws_sigv4_canonical.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace gw::http {
namespace {

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

bool has_control_break(std::string_view text) {
    return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

std::optional<int> hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return std::nullopt;
}

// Percent-decodes `text`; nullopt on a '%' not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        const auto high = hex_value(text[i + 1]);
        const auto low = hex_value(text[i + 2]);
        if (!high || !low) return std::nullopt;
        out.push_back(static_cast<char>(*high * 16 + *low));
        i += 2;
    }
    return out;
}

// The path with empty, "." and ".." segments removed, joined by single slashes (what the AWS
// SDKs sign for non-S3 services; ".." above the root stays at the root).
std::string normalize_segments(std::string_view path) {
    std::vector<std::string_view> segments;
    size_t from = 0;
    while (from <= path.size()) {
        const size_t slash = std::min(path.find('/', from), path.size());
        const std::string_view segment = path.substr(from, slash - from);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        from = slash + 1;
    }
    std::string out = "/";
    for (size_t i = 0; i < segments.size(); ++i) {
        if (i > 0) out.push_back('/');
        out.append(segments[i]);
    }
    if (!segments.empty() && path.back() == '/') out.push_back('/');
    return out;
}

struct QueryParam {
    std::string name;
    std::string value;
    bool operator<(const QueryParam& other) const {
        return std::tie(name, value) < std::tie(other.name, other.value);
    }
};

// Checks the signed-header list and splits it into names.
Result<std::vector<std::string_view>> parse_signed_headers(std::string_view list) {
    std::vector<std::string_view> names;
    size_t from = 0;
    while (from <= list.size()) {
        const size_t semicolon = std::min(list.find(';', from), list.size());
        const std::string_view name = list.substr(from, semicolon - from);
        const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return c > ' ' && c < 0x7F && c != ':' && !(c >= 'A' && c <= 'Z');
        });
        if (!valid) {
            return Error::invalid("signed headers must be lowercase names separated by ';'");
        }
        if (!names.empty() && !(names.back() < name)) {
            return Error::invalid("signed headers must be sorted and unique");
        }
        names.push_back(name);
        from = semicolon + 1;
    }
    if (std::find(names.begin(), names.end(), "host") == names.end()) {
        return Error::invalid("signed headers must include host");
    }
    return names;
}

// The canonical value of header `name`: every field of that name, joined with ','.
Result<std::string> canonical_header(const SigV4Request& request, std::string_view name) {
    if (name == "host") {
        if (request.host.empty() || has_control_break(request.host)) {
            return Error::invalid("the host is empty or holds CR, LF or NUL");
        }
        return sigv4_canonical_header_value(request.host);
    }
    std::string joined;
    bool found = false;
    if (request.headers != nullptr) {
        for (const auto& [field, value] : request.headers->fields()) {
            if (!iequals(field, name)) continue;
            if (has_control_break(value)) {
                return Error::invalid("signed header " + std::string(name) +
                                      " holds CR, LF or NUL");
            }
            if (found) joined.push_back(',');
            joined += sigv4_canonical_header_value(value);
            found = true;
        }
    }
    if (!found)
        return Error::invalid("signed header " + std::string(name) + " is not in the request");
    return joined;
}

}  // namespace

void sigv4_uri_encode(std::string& out, std::string_view bytes, bool keep_slash) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c) || (keep_slash && c == '/')) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0x0F]);
        }
    }
}

Result<std::string> sigv4_canonical_uri(std::string_view path, bool normalize) {
    if (path.empty()) return std::string("/");
    if (path.front() != '/') return Error::invalid("the request path must start with '/'");
    if (path.find_first_of("?#") != std::string_view::npos || has_control_break(path)) {
        return Error::invalid("the request path holds '?', '#', CR, LF or NUL");
    }
    const std::string normalized = normalize ? normalize_segments(path) : std::string(path);
    std::string out;
    out.reserve(normalized.size() + normalized.size() / 4);
    sigv4_uri_encode(out, normalized, /*keep_slash=*/true);
    return out;
}

Result<std::string> sigv4_canonical_query(std::string_view query) {
    std::vector<QueryParam> params;
    size_t from = 0;
    while (from < query.size()) {
        const size_t amp = std::min(query.find('&', from), query.size());
        const std::string_view param = query.substr(from, amp - from);
        from = amp + 1;
        if (param.empty()) continue;  // "a=1&&b=2": nothing between the separators
        const size_t eq = param.find('=');
        const auto name = percent_decode(param.substr(0, eq));
        const auto value = percent_decode(eq == std::string_view::npos ? std::string_view()
                                                                       : param.substr(eq + 1));
        if (!name || !value) return Error::invalid("malformed percent escape in the query");
        QueryParam encoded;
        sigv4_uri_encode(encoded.name, *name, /*keep_slash=*/false);
        sigv4_uri_encode(encoded.value, *value, /*keep_slash=*/false);
        params.push_back(std::move(encoded));
    }
    std::sort(params.begin(), params.end());
    std::string out;
    for (const auto& param : params) {
        if (!out.empty()) out.push_back('&');
        out += param.name;
        out.push_back('=');
        out += param.value;
    }
    return out;
}

std::string sigv4_canonical_header_value(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    bool pending_space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(c);
    }
    return out;
}

Result<std::string> sigv4_canonical_request(const SigV4Request& request,
                                            std::string_view signed_headers,
                                            std::string_view payload_hash, bool normalize_path) {
    auto names = parse_signed_headers(signed_headers);
    if (!names) return names.error();
    auto uri = sigv4_canonical_uri(request.path, normalize_path);
    if (!uri) return uri.error();
    auto query = sigv4_canonical_query(request.query);
    if (!query) return query.error();

    std::string out;
    out.append(request.method).push_back('\n');
    out.append(*uri).push_back('\n');
    out.append(*query).push_back('\n');
    for (const std::string_view name : *names) {
        auto value = canonical_header(request, name);
        if (!value) return value.error();
        out.append(name).push_back(':');
        out.append(*value).push_back('\n');
    }
    out.push_back('\n');
    out.append(signed_headers).push_back('\n');
    out.append(payload_hash);
    return out;
}

}  // namespace gw::http
