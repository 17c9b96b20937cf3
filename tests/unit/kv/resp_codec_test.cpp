// The RESP codec on hiredis: request formatting, every reply type converted to RedisReply, any
// slicing of the input, and malformed or oversized input as errors rather than crashes.

#include "gw/kv/resp_codec.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>

namespace gw::kv {
namespace {

using Array = RedisReply::Array;

RedisReply bulk(std::string text) { return {std::move(text)}; }
RedisReply status(std::string text) { return {RedisReply::Status{std::move(text)}}; }
RedisReply integer(std::int64_t value) { return {value}; }
RedisReply nil() { return {RedisReply::Nil{}}; }

// Every reply in `bytes`, fed in slices of `slice` bytes.
Result<std::vector<RedisReply>> parse_all(std::string_view bytes, std::size_t slice = 1 << 20) {
    RespReader reader;
    std::vector<RedisReply> replies;
    for (std::size_t at = 0; at < bytes.size(); at += slice) {
        if (auto fed = reader.feed(bytes.substr(at, slice)); !fed) return fed.error();
        for (;;) {
            auto next = reader.next();
            if (!next) return next.error();
            if (!*next) break;
            replies.push_back(std::move(**next));
        }
    }
    return replies;
}

RedisReply parse_one(std::string_view bytes) {
    auto replies = parse_all(bytes);
    EXPECT_TRUE(replies) << replies.error().message;
    EXPECT_EQ(replies ? replies->size() : 0u, 1u);
    return replies && replies->size() == 1 ? replies->front() : RedisReply{};
}

TEST(RespFormatTest, FormatsAnArrayOfBulkStrings) {
    EXPECT_EQ(format_command({"SETEX", "k", "60", "v"}),
              "*4\r\n$5\r\nSETEX\r\n$1\r\nk\r\n$2\r\n60\r\n$1\r\nv\r\n");
}

TEST(RespFormatTest, ArgumentsAreBinarySafe) {
    const std::string value("a\r\n\0b", 5);
    const std::string bytes = format_command({"SET", "k", value});
    EXPECT_EQ(parse_one(bytes), (RedisReply{Array{bulk("SET"), bulk("k"), bulk(value)}}));
}

TEST(RespReaderTest, ConvertsSimpleTypes) {
    EXPECT_EQ(parse_one("+OK\r\n"), status("OK"));
    EXPECT_EQ(parse_one("-WRONGTYPE Operation against a key\r\n"),
              (RedisReply{RedisReply::ErrorReply{"WRONGTYPE Operation against a key"}}));
    EXPECT_EQ(parse_one(":42\r\n"), integer(42));
    EXPECT_EQ(parse_one(":-9223372036854775808\r\n"),
              integer(std::numeric_limits<std::int64_t>::min()));
    EXPECT_EQ(parse_one("$5\r\nhello\r\n"), bulk("hello"));
    EXPECT_EQ(parse_one("$0\r\n\r\n"), bulk(""));
    EXPECT_EQ(parse_one("$-1\r\n"), nil());
    EXPECT_EQ(parse_one("*-1\r\n"), nil());
}

TEST(RespReaderTest, BulkStringsKeepEveryByte) {
    EXPECT_EQ(parse_one(std::string("$4\r\na\0\r\n\r\n", 10)), bulk(std::string("a\0\r\n", 4)));
}

TEST(RespReaderTest, ConvertsNestedArrays) {
    const RedisReply expected{Array{integer(1), RedisReply{Array{}}, nil(),
                                    RedisReply{Array{bulk("x"), status("QUEUED")}}}};
    EXPECT_EQ(parse_one("*4\r\n:1\r\n*0\r\n$-1\r\n*2\r\n$1\r\nx\r\n+QUEUED\r\n"), expected);
}

TEST(RespReaderTest, AnySlicingGivesTheSameRepliesInOrder) {
    const std::string bytes = "+OK\r\n$5\r\nhello\r\n*2\r\n:7\r\n$-1\r\n-ERR no\r\n";
    for (std::size_t slice = 1; slice <= bytes.size(); ++slice) {
        auto replies = parse_all(bytes, slice);
        ASSERT_TRUE(replies) << replies.error().message;
        ASSERT_EQ(replies->size(), 4u) << "slice " << slice;
        EXPECT_EQ((*replies)[0], status("OK"));
        EXPECT_EQ((*replies)[1], bulk("hello"));
        EXPECT_EQ((*replies)[2], (RedisReply{Array{integer(7), nil()}}));
        EXPECT_EQ((*replies)[3], (RedisReply{RedisReply::ErrorReply{"ERR no"}}));
    }
}

TEST(RespReaderTest, IncompleteReplyWaitsForMoreBytes) {
    RespReader reader;
    ASSERT_TRUE(reader.feed("$10\r\nhel"));
    auto next = reader.next();
    ASSERT_TRUE(next);
    EXPECT_FALSE(next->has_value());
}

TEST(RespReaderTest, UnknownTypeByteIsAFinalProtocolError) {
    RespReader reader;
    ASSERT_TRUE(reader.feed("!oops\r\n"));
    auto next = reader.next();
    ASSERT_FALSE(next);
    EXPECT_EQ(next.error().kind, Error::Kind::Protocol);
    EXPECT_FALSE(reader.feed("+OK\r\n"));
    EXPECT_FALSE(reader.next());
}

TEST(RespReaderTest, TooDeepNestingIsAProtocolError) {
    auto replies = parse_all("*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n");
    ASSERT_FALSE(replies);
    EXPECT_EQ(replies.error().kind, Error::Kind::Protocol);
}

TEST(RespReaderTest, HugeDeclaredArrayIsAnErrorNotACrash) {
    auto replies = parse_all("*99999999999999\r\n");
    ASSERT_FALSE(replies);
    EXPECT_EQ(replies.error().kind, Error::Kind::Protocol);
}

TEST(RespReaderTest, ReplyLargerThanTheLimitIsAProtocolError) {
    RespReader reader(16);
    ASSERT_TRUE(reader.feed("$100\r\n"));
    auto fed = reader.feed(std::string(20, 'x'));
    ASSERT_FALSE(fed);
    EXPECT_EQ(fed.error().kind, Error::Kind::Protocol);
    EXPECT_FALSE(reader.next());
}

// Random RESP-like noise must only ever give replies or errors.
TEST(RespReaderTest, SurvivesRandomInput) {
    const std::vector<std::string> pieces = {
        "*",    "$",  ":",           "+",   "-",
        "\r\n", "\r", "\n",          "-1",  "0",
        "3",    "12", "99999999999", "abc", std::string(1, '\0')};
    std::mt19937 random(20240611);
    for (int round = 0; round < 3000; ++round) {
        std::string bytes;
        const auto count = random() % 24;
        for (unsigned i = 0; i < count; ++i) bytes += pieces[random() % pieces.size()];
        auto replies = parse_all(bytes, 1 + random() % 8);
        if (!replies) {
            EXPECT_EQ(replies.error().kind, Error::Kind::Protocol);
        }
    }
}

}  // namespace
}  // namespace gw::kv
