#include "gw/kv/resp_codec.hpp"

#include <fmt/format.h>

#include <hiredis/hiredis.h>
#include <memory>
#include <new>

namespace gw::kv {
namespace {

using ReplyPtr = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;

// hiredis bounds the nesting (7 levels), so the recursion is shallow.
RedisReply convert(const redisReply& reply) {
    switch (reply.type) {
        case REDIS_REPLY_STRING:
            return {std::string(reply.str, reply.len)};
        case REDIS_REPLY_STATUS:
            return {RedisReply::Status{std::string(reply.str, reply.len)}};
        case REDIS_REPLY_ERROR:
            return {RedisReply::ErrorReply{std::string(reply.str, reply.len)}};
        case REDIS_REPLY_INTEGER:
            return {static_cast<std::int64_t>(reply.integer)};
        case REDIS_REPLY_ARRAY: {
            RedisReply::Array elements;
            elements.reserve(reply.elements);
            for (std::size_t i = 0; i < reply.elements; ++i) {
                elements.push_back(convert(*reply.element[i]));
            }
            return {std::move(elements)};
        }
        default:
            return {RedisReply::Nil{}};
    }
}

}  // namespace

std::string format_command(const std::vector<std::string>& argv) {
    std::vector<const char*> pointers;
    std::vector<std::size_t> lengths;
    pointers.reserve(argv.size());
    lengths.reserve(argv.size());
    for (const std::string& arg : argv) {
        pointers.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    char* formatted = nullptr;
    const int length = redisFormatCommandArgv(&formatted, static_cast<int>(argv.size()),
                                              pointers.data(), lengths.data());
    if (length < 0) throw std::bad_alloc();  // its only failure
    std::string bytes(formatted, static_cast<std::size_t>(length));
    redisFreeCommand(formatted);
    return bytes;
}

RespReader::RespReader(std::size_t max_pending_bytes)
    : reader_(redisReaderCreate()), max_pending_bytes_(max_pending_bytes) {
    if (reader_ == nullptr) throw std::bad_alloc();
}

RespReader::~RespReader() { redisReaderFree(reader_); }

Result<void> RespReader::feed(std::string_view bytes) {
    if (too_large_ || redisReaderFeed(reader_, bytes.data(), bytes.size()) != REDIS_OK) {
        return failure();
    }
    // hiredis drops what it consumed lazily, so len - pos is what still waits to be parsed.
    if (reader_->len - reader_->pos > max_pending_bytes_) {
        too_large_ = true;
        return failure();
    }
    return {};
}

Result<std::optional<RedisReply>> RespReader::next() {
    if (too_large_) return failure();
    void* raw = nullptr;
    if (redisReaderGetReply(reader_, &raw) != REDIS_OK) return failure();
    if (raw == nullptr) return std::optional<RedisReply>();
    ReplyPtr reply(static_cast<redisReply*>(raw), freeReplyObject);
    return std::optional<RedisReply>(convert(*reply));
}

Error RespReader::failure() const {
    if (too_large_) {
        return Error::protocol(
            fmt::format("Redis reply larger than {} bytes: not accepted", max_pending_bytes_));
    }
    return Error::protocol(fmt::format("malformed Redis reply: {}", reader_->errstr));
}

}  // namespace gw::kv
