#pragma once
// Tests use the bridge's own process helper, and run commands for their output (Linux suites).
#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "platform/child_process.hpp"

namespace eimza::test {
using platform::child_process;

/// Runs a shell command to completion and returns its stdout (stderr discarded); exit code in rc.
inline std::string run_capture(const std::string& command, int& rc) {
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

}  // namespace eimza::test
