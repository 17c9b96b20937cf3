// make_conversation_store: the backend `state_storage` names, and a startup failure that says
// what went wrong. (The postgres store itself is tested against a real server.)

#include "gw/state/store_factory.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store_test_support.hpp"

namespace gw::state {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(StoreFactory, MemoryStoreHonoursMaxConversations) {
    config::StateStorage storage;
    storage.max_conversations = 1;
    auto store = make_conversation_store(storage);
    ASSERT_TRUE(store);
    (*store)->save("resp_1", testing::conversation("[]", WallClock::now()));
    (*store)->save("resp_2", testing::conversation("[]", WallClock::now()));
    EXPECT_FALSE(testing::load_now(**store, "resp_1")->has_value());
    EXPECT_TRUE(testing::load_now(**store, "resp_2")->has_value());
}

TEST(StoreFactory, UnreachablePostgresFailsStartupWithoutThePassword) {
    auto store = make_conversation_store(
        {.type = config::StateStorageType::Postgres,
         .connection_string = "postgresql://gw:hunter2@127.0.0.1:1/plano?connect_timeout=2"});
    ASSERT_FALSE(store);
    EXPECT_THAT(store.error().message, HasSubstr("state_storage: cannot connect to PostgreSQL"));
    EXPECT_THAT(store.error().message, Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace gw::state
