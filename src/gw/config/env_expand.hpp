#pragma once
// `$VAR` / `${VAR}` substitution in config values. Unlike the reference (which leaves unknown
// variables as literal text or turns them into empty strings), an unset variable is reported.

#include "gw/config/load.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gw::config::detail {

struct Expansion {
    std::string value;
    std::vector<std::string> missing;  // names of referenced variables that are not set
};

// `$$` is a literal `$`; a `$` not followed by a name (or an unterminated `${`) stays literal.
Expansion expand_env(std::string_view text, const Environment& env);

}  // namespace gw::config::detail
