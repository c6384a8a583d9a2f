#include "virtual_card/pcscd_network.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace eimza::sim {

std::string pcscd_network_namespace() {
  std::ifstream pidfile("/run/pcscd/pcscd.pid");
  long pid = 0;
  if (!(pidfile >> pid) || pid <= 0) return {};
  return "/proc/" + std::to_string(pid) + "/ns/net";
}

bool is_our_network_namespace(const std::string& path) {
  struct stat mine {
  }, other{};
  return ::stat("/proc/self/ns/net", &mine) == 0 && ::stat(path.c_str(), &other) == 0 &&
         mine.st_dev == other.st_dev && mine.st_ino == other.st_ino;
}

bool join_network_namespace(std::string path, std::string& why) {
  if (path == "pcscd") {
    path = pcscd_network_namespace();
    if (path.empty()) {
      why = "pcscd is not running (no /run/pcscd/pcscd.pid)";
      return false;
    }
  }
  if (is_our_network_namespace(path)) return true;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const bool ok = fd >= 0 && ::setns(fd, CLONE_NEWNET) == 0;
  if (!ok) why = "cannot join the network namespace " + path + ": " + std::strerror(errno);
  if (fd >= 0) ::close(fd);
  return ok;
}

}  // namespace eimza::sim
