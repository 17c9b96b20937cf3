// state_storage: the backends, their required keys, our ttl / max_conversations extensions, and
// errors that never print the connection string (it holds a password).

#include <gmock/gmock.h>

#include "config_test_support.hpp"

namespace gw::config {
namespace {

using testing::error_strings;
using testing::expect_valid;
using testing::kMinimal;
using testing::load;
using testing::single_error;

std::string with(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

TEST(StateStorage, AbsentMeansUnmanaged) {
    EXPECT_FALSE(expect_valid(load(kMinimal)).state_storage.has_value());
}

TEST(StateStorage, MemoryWithDefaults) {
    const Config cfg = expect_valid(load(with("state_storage:\n  type: memory\n")));
    ASSERT_TRUE(cfg.state_storage.has_value());
    EXPECT_EQ(cfg.state_storage->type, StateStorageType::Memory);
    EXPECT_EQ(cfg.state_storage->ttl, std::chrono::hours(24 * 7));
    EXPECT_EQ(cfg.state_storage->max_conversations, 10000u);
    EXPECT_TRUE(cfg.state_storage->connection_string.empty());
}

TEST(StateStorage, PostgresWithExpandedConnectionStringAndExtras) {
    const Config cfg = expect_valid(
        load(with("state_storage:\n"
                  "  type: postgres\n"
                  "  connection_string: postgresql://plano:${PG_PASSWORD}@db:5432/plano\n"
                  "  ttl: 2h\n"
                  "  max_conversations: 50\n"),
             {{"PG_PASSWORD", "s3cret"}}));
    ASSERT_TRUE(cfg.state_storage.has_value());
    const StateStorage& storage = *cfg.state_storage;
    EXPECT_EQ(storage.type, StateStorageType::Postgres);
    EXPECT_EQ(storage.connection_string, "postgresql://plano:s3cret@db:5432/plano");
    EXPECT_EQ(storage.ttl, std::chrono::hours(2));
    EXPECT_EQ(storage.max_conversations, 50u);
}

TEST(StateStorage, ErrorsNeverEchoTheConnectionString) {
    const LoadResult result =
        load(with("state_storage:\n"
                  "  type: postgres\n"
                  "  connection_string: [password=hunter2]\n"
                  "  ttl: soon\n"));
    const auto errors = error_strings(result);
    ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
    for (const std::string& e : errors)
        EXPECT_THAT(e, ::testing::Not(::testing::HasSubstr("hunter2")));
}

struct SectionErrorCase {
    std::string_view yaml;
    std::string_view expected;
};

class StateStorageErrors : public ::testing::TestWithParam<SectionErrorCase> {};

TEST_P(StateStorageErrors, ReportsKeyAndPosition) {
    EXPECT_EQ(single_error(load(with(GetParam().yaml))), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, StateStorageErrors,
    ::testing::Values(
        SectionErrorCase{"state_storage:\n  type: postgres\n",
                         "cfg.yaml:10:3: state_storage.connection_string: required key is "
                         "missing"},
        SectionErrorCase{"state_storage:\n  type: postgres\n  connection_string: ''\n",
                         "cfg.yaml:11:22: state_storage.connection_string: must not be empty for "
                         "type: postgres"},
        SectionErrorCase{"state_storage:\n  type: postgres\n  connection_string: ${PG_URL}\n",
                         "cfg.yaml:11:22: state_storage.connection_string: environment variable "
                         "PG_URL is not set (set it or add it to .env beside the config)"},
        SectionErrorCase{"state_storage:\n  connection_string: x\n",
                         "cfg.yaml:10:3: state_storage.type: required key is missing"},
        SectionErrorCase{"state_storage:\n  type: postgress\n",
                         "cfg.yaml:10:9: state_storage.type: invalid value 'postgress' (did you "
                         "mean 'postgres'?)"},
        SectionErrorCase{"state_storage:\n  type: memory\n  tll: 1h\n",
                         "cfg.yaml:11:3: state_storage.tll: unknown key (did you mean 'ttl'?)"},
        SectionErrorCase{"state_storage:\n  type: memory\n  ttl: 0s\n",
                         "cfg.yaml:11:8: state_storage.ttl: must be positive"},
        SectionErrorCase{"state_storage:\n  type: memory\n  max_conversations: 0\n",
                         "cfg.yaml:11:22: state_storage.max_conversations: 0 is out of range "
                         "(expected 1..9223372036854775807)"},
        SectionErrorCase{"state_storage: memory\n",
                         "cfg.yaml:9:16: state_storage: expected a mapping such as {type: memory} "
                         "or {type: postgres, connection_string: ...}"}));

}  // namespace
}  // namespace gw::config
