#include "platform/open_url.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <thread>

extern char** environ;

namespace eimza::platform {

bool open_url(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return false;  // never a file or a command
  pid_t pid = -1;
  std::string prog = "xdg-open";
  char* argv[] = {prog.data(), const_cast<char*>(url.c_str()), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) return false;
  std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();  // reap it whenever it ends
  return true;
}

}  // namespace eimza::platform
