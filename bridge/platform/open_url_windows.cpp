// Windows: the shell opens the URL or file with the person's default browser (ShellExecuteW).
#include <windows.h>
// After windows.h:
#include <shellapi.h>

#include <filesystem>

#include "platform/open_url.hpp"

namespace eimza::platform {

bool launch_opener(const std::string& target, bool is_file) {
  // UTF-8 in, UTF-16 for the shell (std::filesystem converts).
  const std::wstring wide =
      is_file ? std::filesystem::path(target).wstring()
              : std::filesystem::path(std::u8string(target.begin(), target.end())).wstring();
  const auto rc = reinterpret_cast<INT_PTR>(
      ShellExecuteW(nullptr, L"open", wide.c_str(), nullptr, nullptr, SW_SHOWNORMAL));
  return rc > 32;  // ShellExecute's success
}

}  // namespace eimza::platform
