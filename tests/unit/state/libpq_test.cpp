#include "gw/state/libpq.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace gw::state::pg
