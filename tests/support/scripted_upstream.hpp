#pragma once
// A provider the test drives step by step over a raw socket, for properties that need precise
// control of what is sent when (e.g. a frame must reach the client before the next is sent).

#include <cstdint>
#include <memory>
#include <string>

namespace gw::testing {

class ScriptedUpstream {
  public:
    ScriptedUpstream();
    ~ScriptedUpstream();

    [[nodiscard]] uint16_t port() const;
    // Accepts the next connection (if none is open) and reads one complete request; returns it.
    std::string receive_request();
    void send(const std::string& bytes);
    // Sends `data` as one HTTP chunk.
    void send_chunk(const std::string& data);
    void close_connection();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::testing
