// Attribute lists: typed setters, last write wins in place, and the count limit.

#include "gw/telemetry/attributes.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace gw::telemetry {
namespace {

TEST(Attributes, SettersPickTheOtlpType) {
    Attributes a;
    a.set("s", "text");
    a.set("sv", std::string_view("view"));
    a.set("i", 42);
    a.set("u", std::uint16_t{7});
    a.set("big", std::numeric_limits<std::uint64_t>::max());
    a.set("neg", std::int64_t{-5});
    a.set("d", 0.5);
    a.set("b", true);
    a.set("arr", AttributeValue(StringArray{"stop", "length"}));
    EXPECT_EQ(*a.find("s"), AttributeValue(std::string("text")));
    EXPECT_EQ(*a.find("sv"), AttributeValue(std::string("view")));
    EXPECT_EQ(*a.find("i"), AttributeValue(std::int64_t{42}));
    EXPECT_EQ(*a.find("u"), AttributeValue(std::int64_t{7}));
    EXPECT_EQ(*a.find("big"), AttributeValue(std::numeric_limits<std::int64_t>::max()));
    EXPECT_EQ(*a.find("neg"), AttributeValue(std::int64_t{-5}));
    EXPECT_EQ(*a.find("d"), AttributeValue(0.5));
    EXPECT_EQ(*a.find("b"), AttributeValue(true));
    EXPECT_EQ(*a.find("arr"), AttributeValue(StringArray{"stop", "length"}));
    EXPECT_EQ(a.find("missing"), std::nullopt);
}

TEST(Attributes, LastWriteWinsAndKeepsTheFirstPosition) {
    Attributes a;
    a.set("llm.model", "gpt-4o");
    a.set("http.status_code", 200);
    a.set("llm.model", "gpt-4o-2024-08-06");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a.items().front().key, "llm.model");
    EXPECT_EQ(a.items().front().value, AttributeValue(std::string("gpt-4o-2024-08-06")));
    a.set("http.status_code", "changed type");
    EXPECT_EQ(*a.find("http.status_code"), AttributeValue(std::string("changed type")));
}

// A value of another size moves its field to the end of the buffer; reading back and encoding
// must still give every attribute once, in first-appearance order.
TEST(Attributes, ResizedValuesKeepTheirPositionWhenEncoded) {
    Attributes a;
    a.set("first", "short");
    a.set("second", 2);
    a.set("third", true);
    a.set("first", "a longer value than before");
    a.set("second", std::int64_t{1} << 40);
    a.set("third", false);  // same size: rewritten in place
    const std::vector<Attribute> want{{"first", std::string("a longer value than before")},
                                      {"second", std::int64_t{1} << 40},
                                      {"third", false}};
    EXPECT_EQ(a.items(), want);

    std::string fields(a.encoded_size(), '\0');
    ASSERT_EQ(a.write_fields(9, fields.data()), fields.data() + fields.size());
    Attributes fresh;
    for (const Attribute& item : want) fresh.set(item.key, item.value);
    std::string expected(fresh.encoded_size(), '\0');
    fresh.write_fields(9, expected.data());
    EXPECT_EQ(fields, expected);
}

// Fields are stored for Span.attributes (field 9); another list gets its own tag on every field.
TEST(Attributes, WriteFieldsTagsEachFieldForItsList) {
    Attributes a;
    a.set("k", 1);
    a.set("longer.key", "v");
    a.set("k", "now a string");
    std::string span_fields(a.encoded_size(), '\0');
    a.write_fields(9, span_fields.data());
    std::string event_fields(a.encoded_size(), '\0');
    a.write_fields(3, event_fields.data());
    ASSERT_EQ(span_fields.size(), event_fields.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < span_fields.size(); ++i) {
        if (span_fields[i] == event_fields[i]) continue;
        ++differing;
        EXPECT_EQ(span_fields[i], '\x4a');   // field 9, length-delimited
        EXPECT_EQ(event_fields[i], '\x1a');  // field 3, length-delimited
    }
    EXPECT_EQ(differing, a.size());
}

// Keys from headers may hold invalid UTF-8: stored, found and overwritten in repaired form.
TEST(Attributes, InvalidUtf8IsStoredRepaired) {
    Attributes a;
    a.set(std::string("k\xfe"), "v\xc3");
    a.set(std::string("k\xfe"), "w\xc3");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a.items().front().key, "k\xef\xbf\xbd");
    EXPECT_EQ(a.find("k\xfe"), AttributeValue(std::string("w\xef\xbf\xbd")));
    EXPECT_EQ(a.find("k\xef\xbf\xbd"), AttributeValue(std::string("w\xef\xbf\xbd")));
}

TEST(Attributes, LimitDropsNewKeysButStillOverwrites) {
    Attributes a(2);
    a.set("a", 1);
    a.set("b", 2);
    a.set("c", 3);
    a.set("d", 4);
    a.set("a", 10);
    EXPECT_EQ(a.size(), 2u);
    EXPECT_EQ(a.dropped(), 2u);
    EXPECT_EQ(*a.find("a"), AttributeValue(std::int64_t{10}));
    EXPECT_EQ(a.find("c"), std::nullopt);
}

// Many keys share each of the 64 "seen" bits, so a set bit must still lead to a real comparison,
// and every key must still be found and overwritten in place.
// Reserved room runs out in both buffers mid-span (more keys, and longer values, than reserved):
// the attributes set before and after the growth all come back, in order.
TEST(Attributes, OutgrowingTheReservedRoomKeepsEveryAttribute) {
    Attributes a;
    a.reserve(2);
    std::vector<Attribute> want;
    for (int i = 0; i < 12; ++i) {
        const std::string key = "grow." + std::to_string(i);
        const std::string value(static_cast<std::size_t>(40 * i), 'v');
        a.set(key, value);
        want.emplace_back(key, value);
    }
    EXPECT_EQ(a.items(), want);
}

TEST(Attributes, ManyKeysSharingSeenBitsStayDistinct) {
    Attributes a(1000);
    for (int i = 0; i < 500; ++i) a.set("key." + std::to_string(i), i);
    for (int i = 0; i < 500; i += 3) a.set("key." + std::to_string(i), -i);
    ASSERT_EQ(a.size(), 500u);
    for (int i = 0; i < 500; ++i) {
        const std::optional<AttributeValue> value = a.find("key." + std::to_string(i));
        ASSERT_TRUE(value) << i;
        EXPECT_EQ(*value, AttributeValue(std::int64_t{i % 3 == 0 ? -i : i})) << i;
    }
    EXPECT_EQ(a.find("key.500"), std::nullopt);
    EXPECT_EQ(a.find(""), std::nullopt);
    a.set("", "empty keys are keys too");
    EXPECT_EQ(a.find(""), AttributeValue(std::string("empty keys are keys too")));
}

TEST(Attributes, MergeAppliesLastWriteWins) {
    Attributes base;
    base.set("env", "prod");
    base.set("team", "a");
    Attributes extra;
    extra.set("team", "b");
    extra.set("tenant", "t1");
    base.merge(extra);
    ASSERT_EQ(base.size(), 3u);
    EXPECT_EQ(base.items().front(), Attribute("env", std::string("prod")));
    EXPECT_EQ(*base.find("team"), AttributeValue(std::string("b")));
    EXPECT_EQ(*base.find("tenant"), AttributeValue(std::string("t1")));
}

}  // namespace
}  // namespace gw::telemetry

namespace gw::telemetry {
namespace {

TEST(AttributeKey, LiteralAndOwnedKeysAreTheSameKey) {
    static constexpr auto kModel = AttributeKey::literal("gen_ai.request.model");
    Attributes a;
    a.set(kModel, "first");
    a.set(std::string("gen_ai.request.model"), "second");  // an owned key, same name
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(std::get<std::string>(*a.find("gen_ai.request.model")), "second");
    EXPECT_EQ(a.items().front().key, "gen_ai.request.model");
}

TEST(AttributeKey, CopiesOfOwnedKeysOutliveTheirSource) {
    Attributes copy;
    {
        Attributes original;
        std::string key = "tenant.id";
        original.set(key, "t1");
        key.assign("overwritten");
        copy = original;
    }
    EXPECT_EQ(copy.items().front().key, "tenant.id");
}

}  // namespace
}  // namespace gw::telemetry
