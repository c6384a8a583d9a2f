// Linux: fork/exec with PR_SET_PDEATHSIG, a pidfd to wait on, SIGTERM then SIGKILL.
#include "platform/child_process.hpp"

#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "platform/private_files.hpp"

extern char** environ;

namespace eimza::platform {

namespace {

// In the child, before exec: a network namespace of its own with only the loopback, up.
// Async-signal-safe calls only.
bool enter_private_network() {
  if (::unshare(CLONE_NEWNET) != 0) return false;
  const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) return false;
  ifreq ifr{};
  ifr.ifr_name[0] = 'l', ifr.ifr_name[1] = 'o';
  bool ok = ::ioctl(s, SIOCGIFFLAGS, &ifr) == 0;
  ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
  ok = ok && ::ioctl(s, SIOCSIFFLAGS, &ifr) == 0;
  ::close(s);
  return ok;
}

}  // namespace

child_process::child_process(std::vector<std::string> argv, const std::string& log_path,
                             bool private_network) {
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  // Opened before fork: the child only calls async-signal-safe functions.
  int log_fd = -1;
  if (!log_path.empty()) {
    log_fd = open_private_append(log_path);  // 0600, never through a link
    if (log_fd < 0) throw std::runtime_error("cannot open " + log_path);
  }
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) {
    if (log_fd >= 0) ::close(log_fd);
    throw std::runtime_error("cannot start " + argv[0]);
  }
  if (pid_ == 0) {
    // Our helpers must not outlive us, even when we are killed without a chance to stop them
    // (SIGKILL, or GTK exiting the process when the display goes away).
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);  // the parent died before prctl
    if (log_fd >= 0) {
      ::dup2(log_fd, 1);
      ::dup2(log_fd, 2);
    }
    if (private_network && !enter_private_network()) {
      static constexpr char why[] = "cannot make a private network namespace (needs CAP_SYS_ADMIN)\n";
      (void)!::write(2, why, sizeof why - 1);
      ::_exit(126);
    }
    ::execve(args[0], args.data(), environ);
    ::_exit(127);
  }
  if (log_fd >= 0) ::close(log_fd);
}

child_process::~child_process() {
  stop();
}

bool child_process::running() {
  if (reaped_ || pid_ <= 0) return false;
  const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
  if (r == pid_) reaped_ = true;
  return !reaped_;
}

int child_process::wait(std::chrono::milliseconds timeout) {
  if (running()) {
    // The kernel says when the child ends (a pidfd turns readable): no polling.
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
    if (fd < 0) return running() ? -1000 : status_code();
    pollfd p{fd, POLLIN, 0};
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      const int r = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(0, left.count())));
      if (r < 0 && errno == EINTR) continue;
      break;
    }
    ::close(fd);
    if (running()) return -1000;
  }
  return status_code();
}

int child_process::status_code() const {
  if (pid_ <= 0) return -1;
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -WTERMSIG(status_);
}

int child_process::stop(std::chrono::milliseconds grace) {
  if (running()) {
    ::kill(pid_, SIGTERM);
    if (wait(grace) == -1000) {
      ::kill(pid_, SIGKILL);
      return wait(std::chrono::milliseconds(5000));
    }
  }
  return wait(std::chrono::milliseconds(0));
}

}  // namespace eimza::platform
