// Linux: inotify on the deepest existing directory of the path.
#include "platform/path_wait.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>

namespace eimza::platform {
namespace fs = std::filesystem;

bool wait_for_path(const fs::path& path, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return fs::exists(path);
  bool found = false;
  for (;;) {
    // Watch first, then look: a creation between the two is still heard.
    fs::path dir = path.parent_path();
    std::error_code ec;
    while (!dir.empty() && !fs::is_directory(dir, ec) && dir != dir.parent_path()) dir = dir.parent_path();
    const int wd = ::inotify_add_watch(fd, dir.empty() ? "." : dir.c_str(),
                                       IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB);
    if (fs::exists(path, ec)) {
      found = true;
      break;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0 || wd < 0) break;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 1'000'000)));
    if (r < 0 && errno != EINTR) break;
    std::array<char, 4096> events{};
    while (::read(fd, events.data(), events.size()) > 0) {
    }
    (void)::inotify_rm_watch(fd, wd);
  }
  ::close(fd);
  return found;
}

}  // namespace eimza::platform
