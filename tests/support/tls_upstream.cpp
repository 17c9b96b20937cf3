#include "tls_upstream.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace gw::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

constexpr std::string_view kCompletion =
    R"({"id":"chatcmpl-tls","object":"chat.completion","created":1,"model":"gpt-4o-mini",)"
    R"("choices":[{"index":0,"message":{"role":"assistant","content":"over tls"},)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}})";

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

// A self-signed P-256 certificate whose subjectAltName is IP:127.0.0.1, valid for an hour.
bool make_certificate(Key& key, Certificate& cert) {
    key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    cert.reset(X509_new());
    if (!key || !cert) return false;
    X509* x = cert.get();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -60);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key.get());
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, x, x, nullptr, nullptr, 0);
    for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                              std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
        X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
        if (extension == nullptr) return false;
        X509_add_ext(x, extension, -1);
        X509_EXTENSION_free(extension);
    }
    return X509_sign(x, key.get(), EVP_sha256()) > 0;
}

bool write_pem(const std::filesystem::path& path, X509* cert) {
    std::FILE* file = std::fopen(path.c_str(), "w");
    if (file == nullptr) return false;
    const bool written = PEM_write_X509(file, cert) == 1;
    return std::fclose(file) == 0 && written;
}

}  // namespace

struct TlsUpstream::Impl {
    asio::io_context io{1};
    asio::ssl::context tls{asio::ssl::context::tls_server};
    tcp::acceptor acceptor{io};
    std::filesystem::path directory;
    std::filesystem::path ca_file;
    mutable std::mutex mutex;
    std::vector<std::string> targets;
    std::thread thread;

    asio::awaitable<void> serve(tcp::socket socket) {
        asio::ssl::stream<tcp::socket> stream(std::move(socket), tls);
        try {
            co_await stream.async_handshake(asio::ssl::stream_base::server, asio::use_awaitable);
            beast::flat_buffer buffer;
            for (;;) {
                http::request<http::string_body> request;
                co_await http::async_read(stream, buffer, request, asio::use_awaitable);
                {
                    std::lock_guard lock(mutex);
                    targets.emplace_back(request.target());
                }
                http::response<http::string_body> response{http::status::ok, 11};
                response.set(http::field::content_type, "application/json");
                response.body() = std::string(kCompletion);
                response.prepare_payload();
                co_await http::async_write(stream, response, asio::use_awaitable);
            }
        } catch (const std::exception&) {
            // The client closed, or the handshake was refused: nothing to answer.
        }
    }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
            asio::co_spawn(io, serve(std::move(socket)), asio::detached);
        }
    }
};

std::unique_ptr<TlsUpstream> TlsUpstream::start() {
    auto impl = std::make_unique<Impl>();
    Key key(nullptr, EVP_PKEY_free);
    Certificate cert(nullptr, X509_free);
    if (!make_certificate(key, cert)) {
        ADD_FAILURE() << "cannot make a test certificate";
        return nullptr;
    }
    impl->directory = std::filesystem::temp_directory_path() /
                      ("plano-tls-" + std::to_string(::getpid()) + "-" +
                       std::to_string(reinterpret_cast<std::uintptr_t>(impl.get())));
    std::filesystem::create_directories(impl->directory);
    impl->ca_file = impl->directory / "ca.pem";
    if (!write_pem(impl->ca_file, cert.get()) ||
        SSL_CTX_use_certificate(impl->tls.native_handle(), cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(impl->tls.native_handle(), key.get()) != 1) {
        ADD_FAILURE() << "cannot install the test certificate";
        return nullptr;
    }
    boost::system::error_code ec;
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec) impl->acceptor.bind(endpoint, ec);
    if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        ADD_FAILURE() << "cannot listen: " << ec.message();
        return nullptr;
    }
    asio::co_spawn(impl->io, impl->accept_loop(), asio::detached);
    impl->thread = std::thread([raw = impl.get()] { raw->io.run(); });
    return std::unique_ptr<TlsUpstream>(new TlsUpstream(std::move(impl)));
}

TlsUpstream::TlsUpstream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TlsUpstream::~TlsUpstream() {
    impl_->io.stop();
    impl_->thread.join();
    std::error_code ignored;
    std::filesystem::remove_all(impl_->directory, ignored);
}

std::string TlsUpstream::base_url() const {
    return "https://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port()) + "/v1";
}

const std::filesystem::path& TlsUpstream::ca_file() const { return impl_->ca_file; }

std::vector<std::string> TlsUpstream::targets() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->targets;
}

}  // namespace gw::testing
