#pragma once
// An https provider for tests: a fresh self-signed certificate for 127.0.0.1 (written as a PEM
// file a client can trust), and a TLS server that answers every request with one chat completion
// and records the requests it saw. Runs on its own thread; stops in the destructor.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace gw::testing {

class TlsUpstream {
  public:
    // nullptr (and a failed test) when the certificate or the listener cannot be made.
    static std::unique_ptr<TlsUpstream> start();
    ~TlsUpstream();
    TlsUpstream(const TlsUpstream&) = delete;
    TlsUpstream& operator=(const TlsUpstream&) = delete;

    [[nodiscard]] std::string base_url() const;  // https://127.0.0.1:PORT/v1
    // The server's certificate, the only one a client needs to trust.
    [[nodiscard]] const std::filesystem::path& ca_file() const;
    // Targets of the requests served so far, in order.
    [[nodiscard]] std::vector<std::string> targets() const;

    struct Impl;

  private:
    explicit TlsUpstream(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::testing
