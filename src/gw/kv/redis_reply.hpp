#pragma once
// One reply of a Redis server (RESP2), owned and independent of hiredis. An error reply
// (`-ERR ...`) is a value here: the server answered, the command failed.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace gw::kv {

struct RedisReply {
    struct Nil {
        bool operator==(const Nil&) const = default;
    };
    // A simple string such as `+OK`, as opposed to a bulk string.
    struct Status {
        std::string text;
        bool operator==(const Status&) const = default;
    };
    struct ErrorReply {
        std::string message;  // "ERR unknown command ...", "WRONGTYPE ..."
        bool operator==(const ErrorReply&) const = default;
    };
    using Array = std::vector<RedisReply>;
    // std::string is a bulk string (binary-safe).
    using Value = std::variant<Nil, std::int64_t, std::string, Status, ErrorReply, Array>;

    Value value;

    bool operator==(const RedisReply&) const = default;
};

}  // namespace gw::kv
