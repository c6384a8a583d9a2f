// POSIX: dlopen with RTLD_NOW | RTLD_LOCAL (a module's symbols stay its own).
#include <dlfcn.h>

#include "platform/shared_library.hpp"

namespace eimza::platform {

shared_library shared_library::open(const std::filesystem::path& path, std::string& why_not) {
  shared_library lib;
  lib.handle_ = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib.handle_) {
    const char* e = ::dlerror();
    why_not = e ? e : "dlopen failed";
  }
  return lib;
}

shared_library::~shared_library() {
  if (handle_) ::dlclose(handle_);
}

shared_library& shared_library::operator=(shared_library&& o) noexcept {
  if (this != &o) {
    if (handle_) ::dlclose(handle_);
    handle_ = o.handle_;
    o.handle_ = nullptr;
  }
  return *this;
}

void* shared_library::symbol(const char* name) const noexcept {
  return handle_ ? ::dlsym(handle_, name) : nullptr;
}

std::filesystem::path program_dir() {
  std::error_code ec;
  return std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
}

}  // namespace eimza::platform
