#pragma once
// `planoai init`: write a starter config, from a template (init_templates.hpp), empty (--clean),
// or chosen interactively when stdin and stdout are terminals (cli.md §1.7).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gw::cli {

struct InitOptions {
    std::optional<std::string> template_id;
    bool clean = false;
    std::string output = "config.yaml";
    bool force = false;
    bool list_templates = false;
};

// Exit code: 0 written (or listed, or cancelled interactively), 1 refused or failed, 2 usage.
int run_init(const InitOptions& options);

// `~` or `~/...` expanded from $HOME; anything else unchanged.
std::filesystem::path expand_user(std::string_view path);

// The first 28 lines of `content`, then "... (truncated)" when there are more; "(empty)" for
// blank content.
std::string config_preview(std::string_view content);

}  // namespace gw::cli
