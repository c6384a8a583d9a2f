#include "platform/module_loader.hpp"

#include <dlfcn.h>

#include <filesystem>

namespace eimza::platform {

void* module_symbol(const std::string& file_name, const char* symbol, std::string& why_not) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec).parent_path();
  for (const auto& candidate :
       {self / file_name, self / "../lib/eimza" / file_name, fs::path("/usr/lib/eimza") / file_name}) {
    if (!fs::exists(candidate, ec)) continue;
    void* module = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);  // dlopen counts: loaded once
    if (!module) {
      why_not = file_name + " could not be loaded: " + ::dlerror();
      return nullptr;
    }
    if (void* f = ::dlsym(module, symbol)) return f;
    why_not = file_name + " has no " + symbol;
    return nullptr;
  }
  why_not = file_name + " is not installed";
  return nullptr;
}

}  // namespace eimza::platform
