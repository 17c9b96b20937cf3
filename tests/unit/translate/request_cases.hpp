#pragma once
// Table-driven translation tests shared by the request and response suites: a body in, the exact
// body out. Our writer is deterministic, so expectations are exact strings.

#include "gw/translate/translate.hpp"

#include <gtest/gtest.h>

#include <concepts>
#include <ostream>
#include <string>
#include <string_view>

namespace gw::translate::testing {

// Every case table names its rows: gtest shows the name in test ids and failure messages.
template <class Case>
concept NamedCase = requires(const Case& c) {
    { c.name } -> std::convertible_to<std::string_view>;
};

template <NamedCase Case>
std::ostream& operator<<(std::ostream& out, const Case& c) {
    return out << c.name;
}

// INSTANTIATE_TEST_SUITE_P's name generator for any case table. An object rather than a function
// template, because the macro copies the generator before calling it.
inline constexpr auto case_name = [](const auto& info) { return std::string(info.param.name); };

struct TranslationCase {
    const char* name;
    std::string_view input;
    std::string_view expected;
};

inline const RequestOptions kOptions{.model_id = "provider-model", .default_max_tokens = 4096};

// The upstream body for `input`, or the error message prefixed by "ERROR: ".
inline std::string translated(llm::ApiFormat from, llm::ApiFormat to, std::string_view input) {
    auto out = translate_request(from, to, input, kOptions);
    return out ? *out : "ERROR: " + out.error().message;
}

// One body-to-body step under test (a request translation, an answer's decode + encode).
using Translation = std::string (*)(llm::ApiFormat from, llm::ApiFormat to, std::string_view input);

// A suite of TranslationCases for one direction; its tests compare output() with the expectation.
template <Translation Translate, llm::ApiFormat From, llm::ApiFormat To>
class TranslationSuite : public ::testing::TestWithParam<TranslationCase> {
  protected:
    static std::string output() { return Translate(From, To, GetParam().input); }
};

template <llm::ApiFormat From, llm::ApiFormat To>
using RequestTranslation = TranslationSuite<translated, From, To>;

// A body its API's decoder must refuse, and the message it must give: exact, or its start when
// `message` ends in "...".
struct RejectedBody {
    const char* name;
    llm::ApiFormat api;
    std::string body;
    std::string message;
};

template <class T>
void expect_rejected(const Result<T>& result, Error::Kind kind, std::string_view message) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().kind, kind);
    if (message.ends_with("...")) {
        EXPECT_TRUE(result.error().message.starts_with(message.substr(0, message.size() - 3)))
            << result.error().message;
    } else {
        EXPECT_EQ(result.error().message, message);
    }
}

}  // namespace gw::translate::testing
