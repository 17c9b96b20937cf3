// Listener forms, defaults, the single-model-listener rule and filter references.

#include <gmock/gmock.h>

#include "config_test_support.hpp"

namespace gw::config {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::error_strings;
using testing::expect_valid;
using testing::load;
using testing::single_error;

constexpr std::string_view kProviders =
    "model_providers:\n"
    "  - model: openai/gpt-4o\n"
    "    access_key: sk\n";

LoadResult load_listeners(std::string_view listeners) {
    return load("version: v0.4.0\n" + std::string(listeners) + std::string(kProviders));
}

TEST(Listeners, ListFormReadsEveryField) {
    const Config cfg =
        expect_valid(load_listeners("listeners:\n"
                                    "  - name: llm\n"
                                    "    type: model\n"
                                    "    address: 127.0.0.1\n"
                                    "    port: 8080\n"
                                    "    timeout: 250ms\n"
                                    "    max_retries: 3\n"
                                    "    input_filters: [guard]\n"
                                    "    output_filters: [guard]\n"
                                    "filters:\n"
                                    "  - id: guard\n"
                                    "    url: http://localhost:1\n"));
    ASSERT_EQ(cfg.listeners.size(), 1u);
    const Listener& l = cfg.listeners[0];
    EXPECT_EQ(l.name, "llm");
    EXPECT_EQ(l.type, ListenerType::Model);
    EXPECT_EQ(l.address, "127.0.0.1");
    EXPECT_EQ(l.port, 8080);
    EXPECT_EQ(l.timeout, milliseconds(250));
    EXPECT_EQ(l.max_retries, 3);
    EXPECT_EQ(l.input_filters, std::vector<std::string>{"guard"});
    EXPECT_EQ(l.output_filters, std::vector<std::string>{"guard"});
    EXPECT_EQ(l.mark.line, 3);
    EXPECT_EQ(l.mark.column, 5);
}

TEST(Listeners, MissingSectionGetsTheDefaultModelListener) {
    const Config cfg = expect_valid(load("version: v0.4.0\n" + std::string(kProviders)));
    ASSERT_EQ(cfg.listeners.size(), 1u);
    const Listener* l = cfg.model_listener();
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->name, "egress_traffic");
    EXPECT_EQ(l->address, "0.0.0.0");
    EXPECT_EQ(l->port, 12000);
    EXPECT_EQ(l->timeout, seconds(300));
}

TEST(Listeners, NoModelListenerAppendsTheDefaultOne) {
    const Config cfg =
        expect_valid(load_listeners("listeners:\n"
                                    "  - name: agents\n"
                                    "    type: agent\n"
                                    "    port: 8001\n"));
    ASSERT_EQ(cfg.listeners.size(), 2u);
    EXPECT_EQ(cfg.listeners[0].type, ListenerType::Agent);
    EXPECT_EQ(cfg.listeners[0].timeout, seconds(30));
    EXPECT_EQ(cfg.listeners[1].name, "egress_traffic");
    EXPECT_EQ(cfg.model_listener(), &cfg.listeners[1]);
}

TEST(Listeners, AgentOnlyConfigMayHaveNoProviders) {
    const auto result = load(
        "version: v0.4.0\n"
        "listeners:\n"
        "  - name: agents\n"
        "    type: agent\n"
        "    port: 8001\n");
    const Config cfg = expect_valid(result);
    ASSERT_EQ(cfg.model_providers.size(), 1u);
    EXPECT_TRUE(cfg.model_providers[0].internal);
}

TEST(Listeners, ModelListenerWithoutProvidersIsAnError) {
    EXPECT_EQ(single_error(load("version: v0.4.0\n"
                                "listeners:\n"
                                "  - name: llm\n"
                                "    type: model\n")),
              "cfg.yaml: model_providers: model_providers cannot be empty: add at least one "
              "provider");
}

TEST(Listeners, LegacyDictFormIsConverted) {
    const Config cfg =
        expect_valid(load_listeners("listeners:\n"
                                    "  egress_traffic:\n"
                                    "    address: 127.0.0.1\n"
                                    "    port: 12001\n"
                                    "    message_format: openai\n"
                                    "    timeout: 10s\n"
                                    "  ingress_traffic:\n"
                                    "    port: 10001\n"));
    ASSERT_EQ(cfg.listeners.size(), 2u);
    const Listener* model = cfg.model_listener();
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(model->name, "egress_traffic");
    EXPECT_EQ(model->address, "127.0.0.1");
    EXPECT_EQ(model->port, 12001);
    EXPECT_EQ(model->timeout, seconds(10));
    const auto prompt =
        std::find_if(cfg.listeners.begin(), cfg.listeners.end(),
                     [](const Listener& l) { return l.type == ListenerType::Prompt; });
    ASSERT_NE(prompt, cfg.listeners.end());
    EXPECT_EQ(prompt->name, "ingress_traffic");
    EXPECT_EQ(prompt->port, 10001);
}

TEST(Listeners, LegacyFormWithEmptyIngressHasNoPromptListener) {
    const Config cfg =
        expect_valid(load_listeners("listeners:\n"
                                    "  egress_traffic:\n"
                                    "    port: 12000\n"
                                    "  ingress_traffic: {}\n"));
    ASSERT_EQ(cfg.listeners.size(), 1u);
    EXPECT_EQ(cfg.listeners[0].type, ListenerType::Model);
}

TEST(Listeners, LegacyFormNeedsProviders) {
    EXPECT_EQ(single_error(load("version: v0.1.0\n"
                                "listeners:\n"
                                "  egress_traffic:\n"
                                "    port: 12000\n")),
              "cfg.yaml: model_providers: model_providers cannot be empty when using legacy "
              "format");
}

struct ListenerErrorCase {
    std::string_view listeners;
    std::string_view expected;
};

class ListenerErrors : public ::testing::TestWithParam<ListenerErrorCase> {};

TEST_P(ListenerErrors, ReportsKeyAndPosition) {
    EXPECT_EQ(single_error(load_listeners(GetParam().listeners)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ListenerErrors,
    ::testing::Values(
        ListenerErrorCase{
            "listeners:\n  - name: a\n    type: model\n    port: 0\n",
            "cfg.yaml:5:11: listeners[0].port: 0 is out of range (expected 1..65535)"},
        ListenerErrorCase{"listeners:\n  - name: a\n    type: model\n    port: 65536\n",
                          "cfg.yaml:5:11: listeners[0].port: 65536 is out of range (expected "
                          "1..65535)"},
        ListenerErrorCase{"listeners:\n  - name: a\n    type: model\n    port: \"abc\"\n",
                          "cfg.yaml:5:11: listeners[0].port: expected an integer, got 'abc'"},
        ListenerErrorCase{"listeners:\n  - name: a\n    type: model\n    timeout: soon\n",
                          "cfg.yaml:5:14: listeners[0].timeout: invalid duration 'soon' (expected "
                          "e.g. 300s, 250ms, 2m, 1h or a number of seconds)"},
        ListenerErrorCase{"listeners:\n  - name: a\n    type: modle\n",
                          "cfg.yaml:4:11: listeners[0].type: invalid value 'modle' (did you mean "
                          "'model'?)"},
        ListenerErrorCase{"listeners:\n  - name: a\n    type: model\n    prot: 1\n",
                          "cfg.yaml:5:5: listeners[0].prot: unknown key (did you mean 'port'?)"},
        ListenerErrorCase{"listeners:\n  - type: model\n",
                          "cfg.yaml:3:5: listeners[0].name: required key is missing"},
        ListenerErrorCase{"listeners:\n  - name: a\n    type: model\n  - name: b\n    type: model\n"
                          "    port: 12001\n",
                          "cfg.yaml:5:5: listeners[1].type: Currently only one listener can have "
                          "model_providers set (listener 'a' is already the model listener)"},
        ListenerErrorCase{
            "listeners:\n  - name: a\n    type: model\n  - name: a\n    type: prompt\n"
            "    port: 10000\n",
            "cfg.yaml:5:5: listeners[1].name: Duplicate listener name a, please "
            "provide unique name for each listener"},
        ListenerErrorCase{
            "listeners:\n  - name: a\n    type: model\n  - name: b\n    type: prompt\n"
            "    port: 12000\n",
            "cfg.yaml:5:5: listeners[1].port: port 12000 is already used by "
            "listener 'a'"},
        ListenerErrorCase{"listeners:\n  - name: b\n    type: agent\n",
                          "cfg.yaml:3:5: listeners[0].port: agent listeners need an explicit port"},
        ListenerErrorCase{"listeners:\n  egress_trafic:\n    port: 1\n",
                          "cfg.yaml:3:3: listeners.egress_trafic: unknown key (did you mean "
                          "'egress_traffic'?)"},
        ListenerErrorCase{"listeners: 5\n",
                          "cfg.yaml:2:12: listeners: expected a list, got a scalar"}));

TEST(Listeners, FilterReferencesMustBeDefined) {
    const auto result = load_listeners(
        "listeners:\n"
        "  - name: llm\n"
        "    type: model\n"
        "    input_filters: [guard, nope]\n"
        "    output_filters: [gone]\n"
        "agents:\n"
        "  - id: weather\n"
        "    url: http://localhost:1\n"
        "filters:\n"
        "  - id: guard\n"
        "    url: http://localhost:2\n");
    EXPECT_THAT(error_strings(result),
                ::testing::ElementsAre(
                    "cfg.yaml:5:20: listeners[0].input_filters: Listener 'llm' references "
                    "input_filters id 'nope' which is not defined in agents or filters. "
                    "Available ids: guard, weather",
                    "cfg.yaml:6:21: listeners[0].output_filters: Listener 'llm' references "
                    "output_filters id 'gone' which is not defined in agents or filters. "
                    "Available ids: guard, weather"));
}

TEST(Listeners, DuplicateAgentAndFilterIdsAreRejected) {
    EXPECT_EQ(single_error(load_listeners("agents:\n  - id: x\n    url: http://a\n"
                                          "filters:\n  - id: x\n    url: http://b\n")),
              "cfg.yaml:6:9: filters[0].id: Duplicate agent id x, please provide unique id for "
              "each agent");
}

}  // namespace
}  // namespace gw::config

namespace gw::config {
namespace {

class MalformedListeners : public ::testing::TestWithParam<std::string_view> {};

TEST_P(MalformedListeners, AreReportedWithPositions) {
    const auto result = load_listeners(GetParam());
    EXPECT_FALSE(result.config.has_value());
    ASSERT_FALSE(result.errors.empty());
    for (const ConfigError& e : result.errors) EXPECT_GT(e.line, 0) << e.to_string();
}

INSTANTIATE_TEST_SUITE_P(Table, MalformedListeners,
                         ::testing::Values("listeners: [1, 2]\n", "listeners: [[1]]\n",
                                           "listeners:\n  egress_traffic: 5\n",
                                           "listeners:\n  - {name: a, type: model, agents: 5}\n",
                                           "listeners:\n  - {name: a, type: model, agents: [5]}\n",
                                           "listeners:\n  - {name: [a], type: model}\n",
                                           "listeners:\n  - {name: a, type: model, "
                                           "input_filters: x}\n"));

}  // namespace
}  // namespace gw::config
