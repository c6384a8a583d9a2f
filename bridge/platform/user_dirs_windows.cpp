// Windows: the known folders RoamingAppData (settings) and LocalAppData (logs, state).
#include <windows.h>
// After windows.h:
#include <knownfolders.h>
#include <shlobj.h>

#include "platform/user_dirs.hpp"

namespace eimza::platform {
namespace {

std::filesystem::path known(REFKNOWNFOLDERID id) {
  PWSTR p = nullptr;
  std::filesystem::path out;
  if (SUCCEEDED(SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, nullptr, &p)))
    out = std::filesystem::path(p) / "eimza";
  CoTaskMemFree(p);
  return out;
}

}  // namespace

std::filesystem::path config_dir() {
  return known(FOLDERID_RoamingAppData);
}

std::filesystem::path state_dir() {
  return known(FOLDERID_LocalAppData);
}

}  // namespace eimza::platform
