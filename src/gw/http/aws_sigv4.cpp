#include "gw/http/aws_sigv4.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace gw::http {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kTerminator = "aws4_request";

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;

// Wipes key material when it goes out of scope: the secret and the keys derived from it.
template <class Bytes>
struct Cleansed {
    Bytes bytes{};
    Cleansed() = default;
    explicit Cleansed(Bytes b) : bytes(std::move(b)) {}
    Cleansed(const Cleansed&) = delete;
    Cleansed& operator=(const Cleansed&) = delete;
    ~Cleansed() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

std::string to_hex(const unsigned char* data, size_t size) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (size_t i = 0; i < size; ++i) {
        out.push_back(kHex[data[i] >> 4]);
        out.push_back(kHex[data[i] & 0x0F]);
    }
    return out;
}

const unsigned char* as_bytes(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

bool hmac_sha256(const unsigned char* key, size_t key_size, std::string_view data, Digest& out) {
    unsigned int size = 0;
    return HMAC(EVP_sha256(), key, static_cast<int>(key_size), as_bytes(data), data.size(),
                out.data(), &size) != nullptr &&
           size == out.size();
}

// The signing key: HMAC chain "AWS4" + secret -> date -> region -> service -> "aws4_request".
Result<void> derive_signing_key(std::string_view secret, std::string_view date,
                                const SigV4Scope& scope, Digest& key) {
    const Cleansed<std::string> seed("AWS4" + std::string(secret));
    Cleansed<Digest> date_key, region_key, service_key;
    const bool ok =
        hmac_sha256(as_bytes(seed.bytes), seed.bytes.size(), date, date_key.bytes) &&
        hmac_sha256(date_key.bytes.data(), date_key.bytes.size(), scope.region, region_key.bytes) &&
        hmac_sha256(region_key.bytes.data(), region_key.bytes.size(), scope.service,
                    service_key.bytes) &&
        hmac_sha256(service_key.bytes.data(), service_key.bytes.size(), kTerminator, key);
    if (!ok) return Error::internal("HMAC-SHA256 failed");
    return {};
}

std::string credential_scope(std::string_view date, const SigV4Scope& scope) {
    std::string out(date);
    out.append("/").append(scope.region).append("/").append(scope.service).append("/");
    return out.append(kTerminator);
}

// The string to sign and the signature of `canonical_request`.
struct Signed {
    std::string string_to_sign;
    std::string signature;
};

Result<Signed> sign_canonical(std::string_view canonical_request, std::string_view amz_date,
                              std::string_view secret, const SigV4Scope& scope) {
    const std::string_view date = amz_date.substr(0, 8);
    Signed out;
    out.string_to_sign.append(kAlgorithm).append("\n").append(amz_date).append("\n");
    out.string_to_sign.append(credential_scope(date, scope)).append("\n");
    out.string_to_sign.append(sigv4_sha256_hex(canonical_request));
    Cleansed<Digest> key;
    if (auto derived = derive_signing_key(secret, date, scope, key.bytes); !derived) {
        return derived.error();
    }
    Digest mac{};
    if (!hmac_sha256(key.bytes.data(), key.bytes.size(), out.string_to_sign, mac)) {
        return Error::internal("HMAC-SHA256 failed");
    }
    out.signature = to_hex(mac.data(), mac.size());
    return out;
}

// Names and scope parts end up between '/', ',' and '=' of the authorization header.
bool is_plain_token(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return c > ' ' && c < 0x7F && c != '/' && c != ',' && c != '=' && c != ';';
    });
}

Result<void> check_inputs(const SigV4Request& request, const AwsCredentials& credentials,
                          const SigV4Scope& scope) {
    if (!is_plain_token(credentials.access_key_id)) {
        return Error::invalid("the AWS access key id is empty or malformed");
    }
    if (credentials.secret_access_key.empty()) return Error::invalid("the AWS secret key is empty");
    if (!is_plain_token(scope.region) || !is_plain_token(scope.service)) {
        return Error::invalid("the SigV4 region and service must be non-empty plain tokens");
    }
    if (!is_plain_token(request.method)) return Error::invalid("the request method is malformed");
    return {};
}

// Headers no AWS SDK signs: the signature itself, hop-by-hop fields, and fields that proxies
// and HTTP clients add or rewrite.
bool is_unsignable(std::string_view lower) {
    static constexpr std::string_view kNames[] = {"authorization", "cache-control",
                                                  "connection",    "expect",
                                                  "forwarded",     "from",
                                                  "host",          "keep-alive",
                                                  "max-forwards",  "pragma",
                                                  "referer",       "te",
                                                  "trailer",       "transfer-encoding",
                                                  "upgrade",       "user-agent",
                                                  "via",           "x-amzn-trace-id",
                                                  "x-real-ip"};
    static constexpr std::string_view kPrefixes[] = {"proxy-", "sec-", "x-forwarded-"};
    return std::find(std::begin(kNames), std::end(kNames), lower) != std::end(kNames) ||
           std::any_of(std::begin(kPrefixes), std::end(kPrefixes),
                       [&](std::string_view prefix) { return lower.starts_with(prefix); });
}

bool is_selected(std::string_view lower, SigV4HeaderSelection selection) {
    if (selection == SigV4HeaderSelection::kAllSignable) return !is_unsignable(lower);
    return lower == "content-type" || lower.starts_with("x-amz-");
}

// The sorted, unique signed-header list of `headers` (plus host) under `selection`.
std::string select_signed_headers(const Headers& headers, SigV4HeaderSelection selection) {
    std::set<std::string> names{"host"};
    for (const auto& field : headers.fields()) {
        std::string lower = to_lower(field.first);
        if (is_selected(lower, selection)) names.insert(std::move(lower));
    }
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out.push_back(';');
        out += name;
    }
    return out;
}

void append_digits(std::string& out, int64_t value, int width) {
    std::string digits(static_cast<size_t>(width), '0');
    for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10) {
        digits[static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    }
    out += digits;
}

// Parses "YYYYMMDDTHHMMSSZ".
std::optional<std::chrono::system_clock::time_point> parse_amz_date(std::string_view text) {
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
    auto number = [&](size_t at, size_t width) -> std::optional<int> {
        int value = 0;
        for (size_t i = at; i < at + width; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const auto y = number(0, 4), mo = number(4, 2), d = number(6, 2);
    const auto h = number(9, 2), mi = number(11, 2), s = number(13, 2);
    if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{*y},
                                          std::chrono::month{static_cast<unsigned>(*mo)},
                                          std::chrono::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days{ymd} + std::chrono::hours{*h} + std::chrono::minutes{*mi} +
           std::chrono::seconds{*s};
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

struct Authorization {
    std::string_view access_key_id, date, region, service, signed_headers, signature;
};

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

// Splits `text` at every `separator`.
std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    size_t from = 0;
    while (true) {
        const size_t at = text.find(separator, from);
        parts.push_back(text.substr(from, at == std::string_view::npos ? at : at - from));
        if (at == std::string_view::npos) return parts;
        from = at + 1;
    }
}

// Parses "AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/<service>/aws4_request,
// SignedHeaders=<list>, Signature=<hex>" (the components in any order, spaces optional).
Result<Authorization> parse_authorization(std::string_view header) {
    header = trim_spaces(header);
    if (!header.starts_with(kAlgorithm) || header.size() == kAlgorithm.size() ||
        header[kAlgorithm.size()] != ' ') {
        return Error::invalid("authorization is not AWS4-HMAC-SHA256");
    }
    Authorization out;
    std::optional<std::string_view> credential, signed_headers, signature;
    for (const std::string_view raw : split(header.substr(kAlgorithm.size() + 1), ',')) {
        const std::string_view part = trim_spaces(raw);
        const size_t eq = part.find('=');
        const std::string_view key = part.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? "" : part.substr(eq + 1);
        std::optional<std::string_view>* slot = key == "Credential"      ? &credential
                                                : key == "SignedHeaders" ? &signed_headers
                                                : key == "Signature"     ? &signature
                                                                         : nullptr;
        if (slot == nullptr || slot->has_value() || eq == std::string_view::npos) {
            return Error::invalid("authorization has an unknown, repeated or empty component");
        }
        *slot = value;
    }
    if (!credential || !signed_headers || !signature) {
        return Error::invalid("authorization lacks Credential, SignedHeaders or Signature");
    }
    const auto scope = split(*credential, '/');
    if (scope.size() != 5 || scope[4] != kTerminator || scope[1].size() != 8) {
        return Error::invalid("authorization Credential is not <id>/<date>/<region>/<service>/" +
                              std::string(kTerminator));
    }
    if (signature->size() != 2 * SHA256_DIGEST_LENGTH || !is_lower_hex(*signature)) {
        return Error::invalid("authorization Signature is not 64 lowercase hex digits");
    }
    out.access_key_id = scope[0];
    out.date = scope[1];
    out.region = scope[2];
    out.service = scope[3];
    out.signed_headers = *signed_headers;
    out.signature = *signature;
    return out;
}

// The checks of verify_sigv4 that need no cryptography: scope, time, token and body hash.
Result<void> check_claims(const SigV4Request& request, const Authorization& auth,
                          const AwsCredentials& credentials, const SigV4Scope& scope,
                          std::chrono::system_clock::time_point now,
                          const SigV4VerifyOptions& options, std::string_view payload_hash) {
    if (auth.access_key_id != credentials.access_key_id) {
        return Error::not_found("unknown AWS access key id");
    }
    if (auth.region != scope.region || auth.service != scope.service) {
        return Error::protocol("credential scope " + std::string(auth.region) + "/" +
                               std::string(auth.service) + " does not match " +
                               std::string(scope.region) + "/" + std::string(scope.service));
    }
    const auto amz_date = request.headers->get("x-amz-date");
    const auto signed_at = amz_date ? parse_amz_date(*amz_date) : std::nullopt;
    if (!signed_at) return Error::invalid("x-amz-date is missing or malformed");
    if (amz_date->substr(0, 8) != auth.date) {
        return Error::protocol("credential date does not match x-amz-date");
    }
    const auto skew = now > *signed_at ? now - *signed_at : *signed_at - now;
    if (skew > options.max_clock_skew) {
        return Error::protocol("the request time is more than " +
                               std::to_string(options.max_clock_skew.count()) +
                               " s away from the server time");
    }
    const std::string_view token = request.headers->get("x-amz-security-token").value_or("");
    if (!equal_constant_time(token, credentials.session_token)) {
        return Error::protocol("x-amz-security-token does not match the credentials");
    }
    const auto content_hash = request.headers->get("x-amz-content-sha256");
    if (content_hash && *content_hash != payload_hash) {
        return Error::protocol("x-amz-content-sha256 does not match the body");
    }
    return {};
}

}  // namespace

std::string sigv4_sha256_hex(std::string_view bytes) {
    Digest digest{};
    SHA256(as_bytes(bytes), bytes.size(), digest.data());
    return to_hex(digest.data(), digest.size());
}

Result<std::string> sigv4_amz_date(std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    const auto secs = floor<seconds>(time);
    const auto day = floor<days>(secs);
    const year_month_day ymd{day};
    const int year = static_cast<int>(ymd.year());
    if (year < 1970 || year > 9999) return Error::invalid("the signing time is out of range");
    const int64_t of_day = (secs - day).count();
    std::string out;
    append_digits(out, year, 4);
    append_digits(out, static_cast<unsigned>(ymd.month()), 2);
    append_digits(out, static_cast<unsigned>(ymd.day()), 2);
    out.push_back('T');
    append_digits(out, of_day / 3600, 2);
    append_digits(out, of_day / 60 % 60, 2);
    append_digits(out, of_day % 60, 2);
    out.push_back('Z');
    return out;
}

Result<SigV4Signature> sign_sigv4(const SigV4Request& request, const AwsCredentials& credentials,
                                  const SigV4Scope& scope,
                                  std::chrono::system_clock::time_point now,
                                  const SigV4Options& options) {
    if (auto ok = check_inputs(request, credentials, scope); !ok) return ok.error();
    auto amz_date = sigv4_amz_date(now);
    if (!amz_date) return amz_date.error();

    Headers all = request.headers != nullptr ? *request.headers : Headers();
    for (const std::string_view owned :
         {"authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"}) {
        if (all.contains(owned)) {
            return Error::invalid("the request already carries " + std::string(owned) +
                                  "; the signer sets it");
        }
    }
    SigV4Signature out;
    const std::string payload_hash = sigv4_sha256_hex(request.body);
    out.headers.add("x-amz-date", *amz_date);
    if (options.add_content_sha256) out.headers.add("x-amz-content-sha256", payload_hash);
    if (!credentials.session_token.empty()) {
        out.headers.add("x-amz-security-token", credentials.session_token);
    }
    for (const auto& [name, value] : out.headers.fields()) all.add(name, value);

    SigV4Request complete = request;
    complete.headers = &all;
    out.signed_headers = select_signed_headers(all, options.headers);
    auto canonical =
        sigv4_canonical_request(complete, out.signed_headers, payload_hash, options.normalize_path);
    if (!canonical) return canonical.error();
    out.canonical_request = std::move(*canonical);
    auto sig =
        sign_canonical(out.canonical_request, *amz_date, credentials.secret_access_key, scope);
    if (!sig) return sig.error();
    out.string_to_sign = std::move(sig->string_to_sign);
    out.signature = std::move(sig->signature);

    std::string authorization(kAlgorithm);
    authorization.append(" Credential=").append(credentials.access_key_id).append("/");
    authorization.append(credential_scope(amz_date->substr(0, 8), scope));
    authorization.append(", SignedHeaders=").append(out.signed_headers);
    authorization.append(", Signature=").append(out.signature);
    out.headers.add("authorization", std::move(authorization));
    return out;
}

Result<void> verify_sigv4(const SigV4Request& request, const AwsCredentials& credentials,
                          const SigV4Scope& scope, std::chrono::system_clock::time_point now,
                          const SigV4VerifyOptions& options) {
    const auto header =
        request.headers != nullptr ? request.headers->get("authorization") : std::nullopt;
    if (!header) return Error::invalid("the request carries no authorization header");
    auto auth = parse_authorization(*header);
    if (!auth) return auth.error();
    const std::string_view signed_headers = auth->signed_headers;
    // AWS requires the date to be signed; host is checked with the rest of the list below.
    const auto names = split(signed_headers, ';');
    if (std::find(names.begin(), names.end(), "x-amz-date") == names.end()) {
        return Error::invalid("SignedHeaders must include x-amz-date");
    }
    const std::string payload_hash = sigv4_sha256_hex(request.body);
    if (auto ok = check_claims(request, *auth, credentials, scope, now, options, payload_hash);
        !ok) {
        return ok.error();
    }
    // The time check above bounds the date; credential date and x-amz-date agree.
    const std::string_view amz_date = *request.headers->get("x-amz-date");
    auto canonical =
        sigv4_canonical_request(request, signed_headers, payload_hash, options.normalize_path);
    if (!canonical) return canonical.error();
    auto expected = sign_canonical(*canonical, amz_date, credentials.secret_access_key, scope);
    if (!expected) return expected.error();
    if (!equal_constant_time(expected->signature, auth->signature)) {
        return Error::protocol("the request signature does not match");
    }
    return {};
}

}  // namespace gw::http
