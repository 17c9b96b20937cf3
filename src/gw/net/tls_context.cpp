#include "gw/net/tls_context.hpp"

namespace gw::net {

namespace ssl = boost::asio::ssl;

Result<std::shared_ptr<ssl::context>> make_client_tls_context(
    const std::optional<std::string>& ca_file) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    boost::system::error_code ec;
    if (ca_file) {
        ctx->load_verify_file(*ca_file, ec);
        if (ec) return Error::invalid("cannot load CA bundle " + *ca_file + ": " + ec.message());
    } else {
        ctx->set_default_verify_paths(ec);
        if (ec) return Error::internal("cannot load system CA store: " + ec.message());
    }
    ctx->set_verify_mode(ssl::verify_peer);
    return ctx;
}

Result<std::shared_ptr<ssl::context>> ClientTls::context() const {
    std::call_once(built_once_, [this] { built_ = make_client_tls_context(ca_file_); });
    return *built_;
}

}  // namespace gw::net
