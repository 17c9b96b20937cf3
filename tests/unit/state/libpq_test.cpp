#include "gw/state/libpq.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::state::pg {
namespace {

TEST(Libpq, OpensOnceAndHandsOutOneCompleteTable) {
    auto first = load_libpq();
    ASSERT_TRUE(first) << first.error().message;
    auto second = load_libpq();
    ASSERT_TRUE(second);
    EXPECT_EQ(*first, *second);
    EXPECT_EQ(&loaded_libpq(), *first);
    const Libpq& pq = **first;
    // A call through the table that needs no server: parsing a connection string.
    char* error = nullptr;
    PQconninfoOption* options = pq.conninfo_parse("host=db.internal dbname=plano", &error);
    ASSERT_NE(options, nullptr);
    bool found_host = false;
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (std::string_view(o->keyword) == "host" && o->val != nullptr) {
            found_host = std::string_view(o->val) == "db.internal";
        }
    }
    pq.conninfo_free(options);
    pq.freemem(error);
    EXPECT_TRUE(found_host);
}

TEST(Libpq, AMissingLibraryIsAnErrorNamingThePackageToInstall) {
    auto opened = detail::open_libpq("libpq-not-installed.so.5");
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find("libpq-not-installed.so.5"), std::string::npos);
    EXPECT_NE(opened.error().message.find("Debian package libpq5"), std::string::npos)
        << opened.error().message;
}

TEST(Libpq, ALibraryWithoutTheFunctionsIsRefused) {
    // libc is always there and has none of libpq's functions.
    auto opened = detail::open_libpq("libc.so.6");
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find("lacks a function"), std::string::npos)
        << opened.error().message;
}

}  // namespace
}  // namespace gw::state::pg
