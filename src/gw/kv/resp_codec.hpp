#pragma once
// RESP2 without I/O, on hiredis 0.14's codec (stack.md §1.6): request bytes out, replies in. The
// socket belongs to the caller.

#include "gw/base/result.hpp"
#include "gw/kv/redis_reply.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct redisReader;

namespace gw::kv {

// The bytes of one command: a RESP array of bulk strings, so arguments may hold any byte.
[[nodiscard]] std::string format_command(const std::vector<std::string>& argv);

// Incremental reply parser: feed bytes as they arrive in any slicing, take whole replies out in
// order. A malformed stream is a Protocol error and final: RESP cannot resynchronise, so the
// connection it came from must be dropped.
class RespReader {
  public:
    // Bytes of a reply not yet complete beyond which the stream counts as malformed, so that a
    // broken or hostile server cannot make us buffer without end.
    static constexpr std::size_t kDefaultMaxPendingBytes = 64u * 1024 * 1024;

    explicit RespReader(std::size_t max_pending_bytes = kDefaultMaxPendingBytes);
    ~RespReader();
    RespReader(const RespReader&) = delete;
    RespReader& operator=(const RespReader&) = delete;

    [[nodiscard]] Result<void> feed(std::string_view bytes);
    // The next complete reply; nullopt until more bytes arrive.
    [[nodiscard]] Result<std::optional<RedisReply>> next();

  private:
    [[nodiscard]] Error failure() const;

    redisReader* reader_ = nullptr;
    std::size_t max_pending_bytes_;
    bool too_large_ = false;
};

}  // namespace gw::kv
