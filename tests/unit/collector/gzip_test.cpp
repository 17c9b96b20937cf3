#include "gw/collector/gzip.hpp"

#include <gtest/gtest.h>

#include <string>
#include <zlib.h>

namespace gw::collector {
namespace {

// What an OTLP SDK sends with Content-Encoding: gzip.
std::string gzip(const std::string& plain) {
    z_stream z{};
    EXPECT_EQ(
        deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
        Z_OK);
    std::string out(deflateBound(&z, plain.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    z.avail_in = static_cast<uInt>(plain.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::string sample(std::size_t size) {
    std::string text;
    for (std::size_t i = 0; text.size() < size; ++i) text += "span-" + std::to_string(i) + ";";
    text.resize(size);
    return text;
}

TEST(Gunzip, RestoresWhatGzipCompressed) {
    for (std::size_t size : {0u, 1u, 1000u, 200'000u}) {
        std::string plain = sample(size);
        auto out = gunzip(gzip(plain), 1u << 20);
        ASSERT_TRUE(out) << size << ": " << out.error().message;
        EXPECT_EQ(*out, plain);
    }
}

TEST(Gunzip, RefusesTruncatedStreams) {
    std::string packed = gzip(sample(5000));
    for (std::size_t cut : {std::size_t{0}, std::size_t{5}, packed.size() / 2, packed.size() - 1}) {
        auto out = gunzip(packed.substr(0, cut), 1u << 20);
        ASSERT_FALSE(out) << "cut at " << cut;
        EXPECT_EQ(out.error().kind, Error::Kind::Protocol);
    }
}

TEST(Gunzip, RefusesGarbageAndTrailingBytes) {
    EXPECT_FALSE(gunzip("not gzip at all", 1u << 20));
    auto trailing = gunzip(gzip("abc") + "x", 1u << 20);
    ASSERT_FALSE(trailing);
    EXPECT_NE(trailing.error().message.find("after the end"), std::string::npos);
}

TEST(Gunzip, DetectsCorruptedData) {
    std::string packed = gzip(sample(5000));
    packed[packed.size() / 2] = static_cast<char>(packed[packed.size() / 2] ^ 0x5a);
    EXPECT_FALSE(gunzip(packed, 1u << 20));
}

TEST(Gunzip, StopsAtTheInflatedLimit) {
    std::string bomb = gzip(std::string(1u << 20, 'a'));  // ~1 KiB that inflates to 1 MiB
    auto out = gunzip(bomb, 64 * 1024);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().kind, Error::Kind::LimitExceeded);
    EXPECT_TRUE(gunzip(bomb, 1u << 20));
}

}  // namespace
}  // namespace gw::collector
