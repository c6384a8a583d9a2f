#include "platform/child_process.hpp"
#include "platform/private_files.hpp"

#include "platform/private_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace eimza::platform {

child_process::child_process(std::vector<std::string> argv, const std::string& log_path) {
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
    ::execve(args[0], args.data(), environ);
    ::_exit(127);
  }
  if (log_fd >= 0) ::close(log_fd);
}

bool child_process::running() {
  if (reaped_ || pid_ <= 0) return false;
  const pid_t r = ::waitpid(pid_, &status_, WNOHANG);
  if (r == pid_) reaped_ = true;
  return !reaped_;
}

int child_process::wait(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() > end) return -1000;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
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

std::string run_capture(const std::string& command, int& rc) {
  std::string out;
  FILE* p = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) {
    rc = -1;
    return out;
  }
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int st = ::pclose(p);
  rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

}  // namespace eimza::platform
