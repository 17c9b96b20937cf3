#pragma once
// Collects every error and warning found while loading one config file, so the user sees all
// problems at once instead of fixing them one run at a time.

#include "gw/config/load.hpp"
#include "gw/config/model.hpp"

#include <string>
#include <vector>

namespace gw::config::detail {

class Diagnostics {
  public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void error(Mark mark, std::string key, std::string message);
    void warn(std::string message) { warnings_.push_back(std::move(message)); }

    [[nodiscard]] bool has_errors() const { return !errors_.empty(); }
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] std::vector<ConfigError>& errors() { return errors_; }
    [[nodiscard]] std::vector<std::string>& warnings() { return warnings_; }

  private:
    std::string file_;
    std::vector<ConfigError> errors_;
    std::vector<std::string> warnings_;
};

}  // namespace gw::config::detail
