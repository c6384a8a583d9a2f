// POSIX: the XDG base directories (absolute values only, as the specification says).
#include <cstdlib>
#include <string>

#include "platform/user_dirs.hpp"

namespace eimza::platform {
namespace {

std::filesystem::path xdg(const char* var, const char* fallback_under_home) {
  if (const char* x = std::getenv(var); x && *x == '/') return std::filesystem::path(x) / "eimza";
  if (const char* h = std::getenv("HOME"); h && *h == '/')
    return std::filesystem::path(h) / fallback_under_home / "eimza";
  return {};
}

}  // namespace

std::filesystem::path config_dir() {
  return xdg("XDG_CONFIG_HOME", ".config");
}

std::filesystem::path state_dir() {
  return xdg("XDG_STATE_HOME", ".local/state");
}

}  // namespace eimza::platform
