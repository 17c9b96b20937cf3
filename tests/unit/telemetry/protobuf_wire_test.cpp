// Protobuf wire primitives against hand-computed bytes from the encoding guide.

#include "gw/telemetry/protobuf_wire.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace gw::telemetry::wire {
namespace {

std::string encode_varint(std::uint64_t v) {
    std::string out(varint_size(v), '\0');
    Writer w(out.data());
    w.varint(v);
    EXPECT_EQ(w.position(), out.data() + out.size());
    return out;
}

TEST(ProtobufWire, VarintSizesAndBytes) {
    EXPECT_EQ(varint_size(0), 1u);
    EXPECT_EQ(varint_size(127), 1u);
    EXPECT_EQ(varint_size(128), 2u);
    EXPECT_EQ(varint_size(~0ULL), 10u);
    EXPECT_EQ(encode_varint(0), std::string(1, '\0'));
    EXPECT_EQ(encode_varint(150), "\x96\x01");
    EXPECT_EQ(encode_varint(~0ULL), "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01");
}

TEST(ProtobufWire, FieldsMatchTheEncodingGuide) {
    std::string out(varint_field_size(1, 150) + fixed64_field_size(7) + len_field_size(2, 7), '\0');
    Writer w(out.data());
    w.varint_field(1, 150);
    w.fixed64_field(7, 0x0102030405060708ULL);
    w.bytes_field(2, "testing");
    EXPECT_EQ(w.position(), out.data() + out.size());
    EXPECT_EQ(out, std::string("\x08\x96\x01"
                               "\x39\x08\x07\x06\x05\x04\x03\x02\x01"
                               "\x12\x07testing",
                               21));
}

TEST(ProtobufWire, TagSizeGrowsWithTheFieldNumber) {
    EXPECT_EQ(tag_size(15), 1u);
    EXPECT_EQ(tag_size(16), 2u);
}

}  // namespace
}  // namespace gw::telemetry::wire
