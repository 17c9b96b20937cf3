#pragma once
// A fresh $PLANO_HOME for one test: created empty, exported, and removed (with the previous
// value restored) when the test ends.

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <unistd.h>

namespace gw::cli::test {

class TempPlanoHome {
  public:
    TempPlanoHome() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "plano-home-test.XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
        if (const char* old = std::getenv("PLANO_HOME")) previous_ = old;
        ::setenv("PLANO_HOME", path_.c_str(), 1);
    }
    ~TempPlanoHome() {
        if (previous_) {
            ::setenv("PLANO_HOME", previous_->c_str(), 1);
        } else {
            ::unsetenv("PLANO_HOME");
        }
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempPlanoHome(const TempPlanoHome&) = delete;
    TempPlanoHome& operator=(const TempPlanoHome&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
    std::optional<std::string> previous_;
};

}  // namespace gw::cli::test
