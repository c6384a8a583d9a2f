// Windows: a change notification on the deepest existing directory of the path, waited on with
// the time left; looked at again after each change (FindFirstChangeNotificationW).
#include <windows.h>

#include <algorithm>
#include <cstdint>

#include "platform/path_wait.hpp"

namespace eimza::platform {
namespace fs = std::filesystem;

bool wait_for_path(const fs::path& path, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    // Watch first, then look: a creation between the two is still heard.
    fs::path dir = path.parent_path();
    std::error_code ec;
    while (!dir.empty() && !fs::is_directory(dir, ec) && dir != dir.parent_path()) dir = dir.parent_path();
    if (dir.empty()) dir = fs::current_path(ec);
    const HANDLE change = FindFirstChangeNotificationW(
        dir.c_str(), FALSE,
        FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME | FILE_NOTIFY_CHANGE_LAST_WRITE);
    if (fs::exists(path, ec)) {
      if (change != INVALID_HANDLE_VALUE) FindCloseChangeNotification(change);
      return true;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0 || change == INVALID_HANDLE_VALUE) {
      if (change != INVALID_HANDLE_VALUE) FindCloseChangeNotification(change);
      return false;
    }
    WaitForSingleObject(change, static_cast<DWORD>(std::min<std::int64_t>(left.count(), 0x7FFFFFFF)));
    FindCloseChangeNotification(change);
  }
}

}  // namespace eimza::platform
