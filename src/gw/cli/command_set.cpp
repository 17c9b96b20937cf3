#include "gw/cli/command_set.hpp"

namespace gw::cli {
namespace {

// A subcommand counts as chosen when it and every parent up to the root were parsed.
bool chosen(const CLI::App* app) {
    for (; app != nullptr; app = app->get_parent()) {
        if (app->get_parent() != nullptr && app->count() == 0) return false;
    }
    return true;
}

int depth(const CLI::App* app) {
    int d = 0;
    for (; app->get_parent() != nullptr; app = app->get_parent()) ++d;
    return d;
}

}  // namespace

int CommandSet::run_chosen() const {
    const Run* best = nullptr;
    int best_depth = -1;
    for (const auto& [app, run] : commands_) {
        if (chosen(app) && depth(app) > best_depth) {
            best = &run;
            best_depth = depth(app);
        }
    }
    return best != nullptr ? (*best)() : 2;
}

}  // namespace gw::cli
