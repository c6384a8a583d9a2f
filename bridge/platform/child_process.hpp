#pragma once
// Starts a helper program (simulator, pcscd, relay...) and stops it by PID (SIGTERM, then SIGKILL;
// on Windows TerminateProcess, and a Job object ends it with the bridge).
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace eimza::platform {

class child_process {
 public:
  /// argv[0] is the program path. stdout/stderr go to log_path (appended) when given.
  /// private_network: the program runs in a network namespace of its own with only the loopback
  /// (pcscd, whose vpcd reader listens on every address); it exits 126 when that is not possible.
  child_process(std::vector<std::string> argv, const std::string& log_path = {},
                bool private_network = false);
  ~child_process();
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  [[nodiscard]] bool running();
  /// SIGTERM, wait up to grace, then SIGKILL. Returns the exit status (or -signal).
  int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));
  /// Waits for a natural exit up to timeout (on a pidfd: woken by the exit itself); -1000 when it
  /// is still running.
  int wait(std::chrono::milliseconds timeout);
  [[nodiscard]] pid_t pid() const noexcept { return pid_; }

 private:
  [[nodiscard]] int status_code() const;
  pid_t pid_ = -1;
#ifdef _WIN32
  void* handle_ = nullptr;  // the process handle
#endif
  int status_ = 0;
  bool reaped_ = false;
};

}  // namespace eimza::platform
