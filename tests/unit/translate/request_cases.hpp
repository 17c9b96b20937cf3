#pragma once
// Table-driven request translation: a client body in, the exact upstream body out. Our writer is
// deterministic, so expectations are exact strings.

#include "gw/translate/translate.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <string_view>

namespace gw::translate::testing {

struct TranslationCase {
    const char* name;
    std::string_view input;
    std::string_view expected;
};

inline std::ostream& operator<<(std::ostream& out, const TranslationCase& c) {
    return out << c.name;
}

inline const RequestOptions kOptions{.model_id = "provider-model", .default_max_tokens = 4096};

// The upstream body for `input`, or the error message prefixed by "ERROR: ".
inline std::string translated(llm::ApiFormat from, llm::ApiFormat to, std::string_view input) {
    auto out = translate_request(from, to, input, kOptions);
    return out ? *out : "ERROR: " + out.error().message;
}

inline std::string case_name(const ::testing::TestParamInfo<TranslationCase>& info) {
    return info.param.name;
}

}  // namespace gw::translate::testing
