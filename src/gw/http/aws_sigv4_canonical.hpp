#pragma once
// The canonical request of AWS Signature Version 4 (docs.aws.amazon.com/IAM/latest/UserGuide/
// create-signed-request.html), as plain string functions with no crypto: the part of signing
// where the interoperability bugs live, so it is tested against the AWS test suite on its own.
// Only the rules for non-S3 services are implemented: the path is URI-encoded a second time and
// normalized as every AWS SDK does for those services (S3 signs its path as sent).

#include "gw/base/headers.hpp"
#include "gw/base/result.hpp"

#include <string>
#include <string_view>

namespace gw::http {

// A request to sign or verify. The views are borrowed for the duration of the call.
struct SigV4Request {
    std::string_view method;  // e.g. "POST", used as given
    std::string_view host;    // the Host header value, with ":port" when the port is not default
    std::string_view path;    // as sent on the request line: already URI-encoded once
    std::string_view query;   // as sent, without '?'; empty when there is none
    // Every other request header as it will be sent (or was received). A Host field in here is
    // ignored in favour of `host`. Null means none.
    const Headers* headers = nullptr;
    std::string_view body;
};

// Appends `bytes` URI-encoded the SigV4 way: every byte except A-Z a-z 0-9 - _ . ~ (and '/' when
// `keep_slash`) becomes %XX with uppercase hex digits.
void sigv4_uri_encode(std::string& out, std::string_view bytes, bool keep_slash);

// The canonical URI of `path` (as sent). Each segment is URI-encoded again, so a Bedrock model id
// sent as "...-v2%3A0" is signed as "...-v2%253A0". With `normalize`, empty, "." and ".."
// segments are removed first (RFC 3986 §5.2.4); a trailing '/' is kept. An empty path is "/".
// Fails on a path that does not start with '/' or holds '?', '#', CR, LF or NUL.
[[nodiscard]] Result<std::string> sigv4_canonical_uri(std::string_view path, bool normalize);

// The canonical query string of a raw query: each parameter's name and value are
// percent-decoded, URI-encoded again (so already-encoded and raw parameters sign alike), sorted
// by name and then value, and joined with '&'; a parameter without '=' gets an empty value.
// '+' is taken literally (signed as %2B), as in RFC 3986 queries; clients that mean a space send
// %20. Fails on a malformed percent escape.
[[nodiscard]] Result<std::string> sigv4_canonical_query(std::string_view query);

// A header value in canonical form: leading and trailing spaces and tabs removed, each inner run
// of them replaced by one space.
[[nodiscard]] std::string sigv4_canonical_header_value(std::string_view value);

// The canonical request over exactly the headers named in `signed_headers` ("host;x-amz-date",
// lowercase, sorted, no duplicates, "host" included; taken from request.host and
// request.headers). A header sent several times is signed as its values joined with ',' in
// order. Fails when the list is malformed, names a header the request lacks, or a signed value
// holds CR, LF or NUL.
[[nodiscard]] Result<std::string> sigv4_canonical_request(const SigV4Request& request,
                                                          std::string_view signed_headers,
                                                          std::string_view payload_hash,
                                                          bool normalize_path);

}  // namespace gw::http
