#include "platform/module_loader.hpp"

#include <filesystem>
#include <vector>

#include "platform/shared_library.hpp"

namespace eimza::platform {

std::string module_file(const std::string& name) {
#ifdef _WIN32
  return name + ".dll";
#else
  return name + ".so";
#endif
}

void* module_symbol(const std::string& name, const char* symbol, std::string& why_not) {
  namespace fs = std::filesystem;
  const auto file_name = module_file(name);
  std::error_code ec;
  const auto self = program_dir();
  std::vector<fs::path> candidates{self / file_name, self / "../lib/eimza" / file_name};
#ifndef _WIN32
  candidates.emplace_back(fs::path("/usr/lib/eimza") / file_name);
#endif
  for (const auto& candidate : candidates) {
    if (!fs::exists(candidate, ec)) continue;
    std::string why;
    auto lib = shared_library::open(fs::absolute(candidate, ec), why);  // loaded once: the loader counts
    if (!lib) {
      why_not = file_name + " could not be loaded: " + why;
      return nullptr;
    }
    void* f = lib.symbol(symbol);
    lib.keep();  // kept for the process, as before
    if (f) return f;
    why_not = file_name + " has no " + symbol;
    return nullptr;
  }
  why_not = file_name + " is not installed";
  return nullptr;
}

}  // namespace eimza::platform
