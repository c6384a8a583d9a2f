#pragma once
// A library loaded at run time (a PKCS#11 module, the bridge's optional modules): dlopen on POSIX,
// LoadLibraryExW on Windows. On Windows a full path loads that file and its dependencies from its
// own directory and System32 only, and a bare name ("akisp11.dll") is looked up in System32 only:
// never in the current directory or PATH, where another user could plant a DLL.
#include <filesystem>
#include <string>

namespace eimza::platform {

class shared_library {
 public:
  shared_library() = default;
  /// Loads `path` (kept loaded until this object goes); on failure the result is empty and
  /// why_not says why (the loader's own words).
  [[nodiscard]] static shared_library open(const std::filesystem::path& path, std::string& why_not);
  ~shared_library();
  shared_library(shared_library&& o) noexcept : handle_(o.handle_) { o.handle_ = nullptr; }
  shared_library& operator=(shared_library&& o) noexcept;
  shared_library(const shared_library&) = delete;
  shared_library& operator=(const shared_library&) = delete;

  explicit operator bool() const noexcept { return handle_ != nullptr; }
  /// The address of an exported symbol, or nullptr.
  [[nodiscard]] void* symbol(const char* name) const noexcept;
  /// Leaves the library loaded for the rest of the process (this object no longer unloads it).
  void keep() noexcept { handle_ = nullptr; }

 private:
  void* handle_ = nullptr;
};

/// The directory of the running program.
[[nodiscard]] std::filesystem::path program_dir();

}  // namespace eimza::platform
