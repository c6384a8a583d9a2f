// POSIX: xdg-open, spawned and reaped in the background.
#include <spawn.h>
#include <sys/wait.h>

#include <thread>

#include "platform/open_url.hpp"

extern char** environ;

namespace eimza::platform {

bool launch_opener(const std::string& target, bool is_file) {
  std::string arg = is_file ? "file://" + target : target;
  pid_t pid = -1;
  std::string prog = "xdg-open";
  char* argv[] = {prog.data(), arg.data(), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) return false;
  std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();  // reap it whenever it ends
  return true;
}

}  // namespace eimza::platform
