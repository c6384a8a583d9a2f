// Windows: CreateProcessW in a Job object that kills its processes when the bridge goes (the
// handle closes with the process, however it ends), stdout/stderr to the log as the only handle
// the child inherits, TerminateProcess to stop it.
#include <windows.h>
// After windows.h:
#include <io.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "platform/child_process.hpp"
#include "platform/private_files.hpp"

namespace eimza::platform {

namespace {

std::wstring wide(const std::string& utf8) {
  return std::filesystem::path(std::u8string(utf8.begin(), utf8.end())).wstring();
}

// One argument as CommandLineToArgvW reads it back: quoted when it has a space, tab or quote (or
// is empty), backslashes doubled before a quote and at the end.
void append_quoted(std::wstring& cmd, const std::wstring& arg) {
  if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos) {
    cmd += arg;
    return;
  }
  cmd += L'"';
  for (auto it = arg.begin();; ++it) {
    std::size_t slashes = 0;
    while (it != arg.end() && *it == L'\\') ++it, ++slashes;
    if (it == arg.end()) {
      cmd.append(slashes * 2, L'\\');
      break;
    }
    if (*it == L'"') {
      cmd.append(slashes * 2 + 1, L'\\');
      cmd += L'"';
    } else {
      cmd.append(slashes, L'\\');
      cmd += *it;
    }
  }
  cmd += L'"';
}

// The job every helper joins: closing its last handle (at our exit) kills them.
HANDLE helpers_job() {
  static const HANDLE job = [] {
    HANDLE j = CreateJobObjectW(nullptr, nullptr);
    if (j) {
      JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits{};
      limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
      SetInformationJobObject(j, JobObjectExtendedLimitInformation, &limits, sizeof limits);
    }
    return j;
  }();
  return job;
}

}  // namespace

child_process::child_process(std::vector<std::string> argv, const std::string& log_path,
                             bool private_network) {
  if (argv.empty()) throw std::runtime_error("no program to start");
  if (private_network) throw std::runtime_error("a private network for " + argv[0] + " exists only on Linux");
  std::wstring cmd;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (i) cmd += L' ';
    append_quoted(cmd, wide(argv[i]));
  }
  HANDLE log = nullptr;
  if (!log_path.empty()) {
    const int fd = open_private_append(log_path);  // owner-only, never through a link
    if (fd < 0) throw std::runtime_error("cannot open " + log_path);
    HANDLE h = reinterpret_cast<HANDLE>(_get_osfhandle(fd));
    if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &log, 0, TRUE, DUPLICATE_SAME_ACCESS))
      log = nullptr;
    _close(fd);
    if (!log) throw std::runtime_error("cannot open " + log_path);
  }
  // Only the log handle is inherited (a list of one), not every inheritable handle we hold.
  SIZE_T attr_size = 0;
  InitializeProcThreadAttributeList(nullptr, 1, 0, &attr_size);
  std::vector<unsigned char> attr_buf(attr_size);
  auto* attrs = reinterpret_cast<LPPROC_THREAD_ATTRIBUTE_LIST>(attr_buf.data());
  InitializeProcThreadAttributeList(attrs, 1, 0, &attr_size);
  STARTUPINFOEXW si{};
  si.StartupInfo.cb = sizeof si;
  if (log) {
    UpdateProcThreadAttribute(attrs, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, &log, sizeof log, nullptr,
                              nullptr);
    si.lpAttributeList = attrs;
    si.StartupInfo.dwFlags = STARTF_USESTDHANDLES;
    si.StartupInfo.hStdInput = nullptr;
    si.StartupInfo.hStdOutput = log;
    si.StartupInfo.hStdError = log;
  }
  PROCESS_INFORMATION pi{};
  const std::wstring program = wide(argv[0]);
  const BOOL ok = CreateProcessW(program.c_str(), cmd.data(), nullptr, nullptr, log ? TRUE : FALSE,
                                 CREATE_SUSPENDED | EXTENDED_STARTUPINFO_PRESENT | CREATE_NO_WINDOW, nullptr,
                                 nullptr, &si.StartupInfo, &pi);
  DeleteProcThreadAttributeList(attrs);
  if (log) CloseHandle(log);
  if (!ok) throw std::runtime_error("cannot start " + argv[0]);
  // In the job before it runs a single instruction: it cannot outlive us, nor can what it starts.
  if (HANDLE job = helpers_job()) AssignProcessToJobObject(job, pi.hProcess);
  ResumeThread(pi.hThread);
  CloseHandle(pi.hThread);
  handle_ = pi.hProcess;
  pid_ = static_cast<pid_t>(pi.dwProcessId);
}

child_process::~child_process() {
  stop();
  if (handle_) CloseHandle(static_cast<HANDLE>(handle_));
}

bool child_process::running() {
  if (reaped_ || !handle_) return false;
  if (WaitForSingleObject(static_cast<HANDLE>(handle_), 0) == WAIT_OBJECT_0) {
    DWORD code = 0;
    GetExitCodeProcess(static_cast<HANDLE>(handle_), &code);
    status_ = static_cast<int>(code);
    reaped_ = true;
  }
  return !reaped_;
}

int child_process::wait(std::chrono::milliseconds timeout) {
  if (running()) {
    // The process handle is signalled when it ends: no polling.
    WaitForSingleObject(static_cast<HANDLE>(handle_),
                        static_cast<DWORD>(std::clamp<std::int64_t>(timeout.count(), 0, 0x7FFFFFFF)));
    if (running()) return -1000;
  }
  return status_code();
}

int child_process::status_code() const {
  return handle_ ? status_ : -1;
}

// A console program cannot be asked to stop from outside its console: it is terminated at once
// (`grace` is the POSIX backend's, between SIGTERM and SIGKILL).
int child_process::stop(std::chrono::milliseconds) {
  if (running()) {
    TerminateProcess(static_cast<HANDLE>(handle_), 1);
    return wait(std::chrono::milliseconds(5000));
  }
  return wait(std::chrono::milliseconds(0));
}

}  // namespace eimza::platform
