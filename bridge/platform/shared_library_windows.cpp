// Windows: LoadLibraryExW with the safe search flags (see the header); errors in the system's
// words (FormatMessageW, as UTF-8).
#include <windows.h>

#include <string>
#include <system_error>

#include "platform/shared_library.hpp"

namespace eimza::platform {

shared_library shared_library::open(const std::filesystem::path& path, std::string& why_not) {
  shared_library lib;
  // A name alone: System32 only. A path (made absolute, as the flag requires): that file, its
  // dependencies from its own directory and System32.
  const bool bare = !path.has_parent_path();
  std::error_code ec;
  const auto full = bare ? path : std::filesystem::absolute(path, ec);
  const DWORD flags =
      bare ? LOAD_LIBRARY_SEARCH_SYSTEM32 : LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_SYSTEM32;
  lib.handle_ = reinterpret_cast<void*>(LoadLibraryExW(full.c_str(), nullptr, flags));
  if (!lib.handle_) {
    why_not = std::system_category().message(static_cast<int>(GetLastError()));
    if (why_not.empty()) why_not = "LoadLibraryEx failed";
  }
  return lib;
}

shared_library::~shared_library() {
  if (handle_) FreeLibrary(static_cast<HMODULE>(handle_));
}

shared_library& shared_library::operator=(shared_library&& o) noexcept {
  if (this != &o) {
    if (handle_) FreeLibrary(static_cast<HMODULE>(handle_));
    handle_ = o.handle_;
    o.handle_ = nullptr;
  }
  return *this;
}

void* shared_library::symbol(const char* name) const noexcept {
  return handle_ ? reinterpret_cast<void*>(GetProcAddress(static_cast<HMODULE>(handle_), name)) : nullptr;
}

std::filesystem::path program_dir() {
  std::wstring buf(MAX_PATH, L'\0');
  for (;;) {
    const DWORD n = GetModuleFileNameW(nullptr, buf.data(), static_cast<DWORD>(buf.size()));
    if (n == 0) return {};
    if (n < buf.size()) {
      buf.resize(n);
      return std::filesystem::path(buf).parent_path();
    }
    buf.resize(buf.size() * 2);
  }
}

}  // namespace eimza::platform
