#include "gw/cli/init_command.hpp"

#include "gw/cli/command_set.hpp"
#include "gw/cli/init_templates.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace gw::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kPreviewLines = 28;
constexpr std::string_view kCleanContent = "\n";

struct Choice {
    std::string_view label;  // template id, or "clean"
    std::string_view content;
};

void list_templates() {
    fmt::print("Available templates\n\n");
    for (const auto& t : init_templates()) fmt::print("  {}  - {}\n", t.id, t.description);
}

bool write_file(const fs::path& path, std::string_view content) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    return static_cast<bool>(out.flush());
}

int write_choice(const Choice& choice, const fs::path& path) {
    if (!write_file(path, choice.content)) {
        fmt::print(stderr, "error: cannot write {}\n", path.string());
        return 1;
    }
    fmt::print("✓ Wrote {}{}\n\nConfig preview\n{}", path.string(),
               choice.label == "clean" ? "" : fmt::format(" ({})", choice.label),
               config_preview(choice.content));
    return 0;
}

int refuse_overwrite(const fs::path& path) {
    fmt::print(stderr, "error: Refusing to overwrite existing file: {} (use --force)\n",
               path.string());
    return 1;
}

// Reads one answer; nullopt on end of input (Ctrl-D), which cancels the wizard.
std::optional<std::string> ask(std::string_view prompt) {
    fmt::print("{}", prompt);
    std::fflush(stdout);
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
}

std::optional<Choice> ask_template() {
    auto templates = init_templates();
    fmt::print("Choose a template\n  0) Create a clean config.yaml (empty)\n");
    for (std::size_t i = 0; i < templates.size(); ++i) {
        fmt::print("  {}) {} — {}\n", i + 1, templates[i].title, templates[i].description);
    }
    for (;;) {
        auto answer = ask(fmt::format("Number [0-{}]: ", templates.size()));
        if (!answer) return std::nullopt;
        char* end = nullptr;
        unsigned long n = std::strtoul(answer->c_str(), &end, 10);
        if (!answer->empty() && *end == '\0' && n <= templates.size()) {
            if (n == 0) return Choice{"clean", kCleanContent};
            return Choice{templates[n - 1].id, templates[n - 1].content};
        }
        fmt::print("Please enter a number between 0 and {}.\n", templates.size());
    }
}

int run_wizard(const InitOptions& options) {
    if (!::isatty(STDIN_FILENO) || !::isatty(STDOUT_FILENO)) {
        fmt::print(stderr,
                   "error: Interactive mode requires a TTY.\nUse one of:\n"
                   "  planoai init --template <id> [-o PATH]\n"
                   "  planoai init --clean [-o PATH]\n"
                   "  planoai init --list-templates\n");
        return 1;
    }
    auto choice = ask_template();
    auto where = choice
                     ? ask(fmt::format("Where should I write the config? [{}]: ", options.output))
                     : std::nullopt;
    if (!where) {
        fmt::print("Cancelled.\n");
        return 0;
    }
    fs::path path = expand_user(where->empty() ? options.output : *where);
    if (fs::exists(path) && !options.force) {
        auto yes = ask(fmt::format("{} already exists. Overwrite? [y/N]: ", path.string()));
        if (!yes || (*yes != "y" && *yes != "Y" && *yes != "yes")) {
            fmt::print("Cancelled.\n");
            return 0;
        }
    }
    return write_choice(*choice, path);
}

}  // namespace

fs::path expand_user(std::string_view path) {
    const char* home = std::getenv("HOME");
    if (home == nullptr || path.empty() || path[0] != '~') return fs::path(path);
    if (path.size() == 1) return fs::path(home);
    if (path[1] != '/') return fs::path(path);
    return fs::path(home) / path.substr(2);
}

std::string config_preview(std::string_view content) {
    if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) return "(empty)\n";
    std::string preview;
    std::size_t lines = 0;
    while (!content.empty() && lines < kPreviewLines) {
        std::size_t end = content.find('\n');
        std::string_view line = content.substr(0, end);
        preview.append(line).push_back('\n');
        ++lines;
        content.remove_prefix(end == std::string_view::npos ? content.size() : end + 1);
    }
    if (!content.empty()) preview += "... (truncated)\n";
    return preview;
}

int run_init(const InitOptions& options) {
    if (options.list_templates) {
        list_templates();
        return 0;
    }
    if (options.clean && options.template_id) {
        fmt::print(stderr, "error: Use either --clean or --template, not both.\n");
        return 2;
    }
    if (!options.clean && !options.template_id) return run_wizard(options);

    Choice choice{"clean", kCleanContent};
    if (options.template_id) {
        const InitTemplate* found = find_init_template(*options.template_id);
        if (found == nullptr) {
            fmt::print(stderr, "error: Unknown template: {}\nRun: planoai init --list-templates\n",
                       *options.template_id);
            return 1;
        }
        choice = Choice{found->id, found->content};
    }
    fs::path path = expand_user(options.output);
    if (fs::exists(path) && !options.force) return refuse_overwrite(path);
    return write_choice(choice, path);
}

void add_init_command(CLI::App& app, CommandSet& commands) {
    auto options = std::make_shared<InitOptions>();
    auto* init = app.add_subcommand("init", "Write a starter config (template, empty, or guided)");
    init->add_option("--template", options->template_id, "Template id (see --list-templates)");
    init->add_flag("--clean", options->clean, "Write an empty config");
    init->add_option("-o,--output", options->output, "Where to write")->capture_default_str();
    init->add_flag("--force", options->force, "Overwrite an existing file");
    init->add_flag("--list-templates", options->list_templates, "List the templates and exit");
    commands.add(init, [options] { return run_init(*options); });
}

}  // namespace gw::cli
