#pragma once
// The starter configs `planoai init --template ID` writes (cli.md §5), embedded in the binary, in
// the order `--list-templates` shows them.

#include <span>
#include <string_view>

namespace gw::cli {

struct InitTemplate {
    std::string_view id;
    std::string_view title;
    std::string_view description;
    std::string_view content;  // YAML, written verbatim
};

std::span<const InitTemplate> init_templates();

// nullptr when no template has this id.
const InitTemplate* find_init_template(std::string_view id);

}  // namespace gw::cli
