#pragma once
// Table-driven response translation: an upstream body in, the exact client body out.

#include "unit/translate/request_cases.hpp"
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::translate::testing {

// The client body for the upstream answer `input` as decode + encode produce it, or the error
// message prefixed by "ERROR: ". Unlike translate_response it leaves a missing `created` at 0,
// so expectations stay exact.
inline std::string answered(llm::ApiFormat from, llm::ApiFormat to, std::string_view input) {
    auto completion = decode_response(from, input);
    return completion ? encode_response(to, *completion) : "ERROR: " + completion.error().message;
}

// Now in whole seconds, from the clock translation stamps a missing `created` with. std::time()
// reads the kernel's coarse clock, which can still show the previous second: a bound taken with it
// after the translation failed now and then.
inline std::int64_t unix_seconds() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::seconds>(now).count();
}

template <llm::ApiFormat From, llm::ApiFormat To>
using ResponseTranslation = TranslationSuite<answered, From, To>;

}  // namespace gw::translate::testing
