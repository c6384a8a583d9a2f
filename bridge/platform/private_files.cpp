// What every platform shares; the rest is private_files_posix.cpp or private_files_windows.cpp.
#include "platform/private_files.hpp"

#include <system_error>

namespace eimza::platform {

void publish_private_file(const std::filesystem::path& path, std::string_view data) {
  auto tmp = path;
  tmp += ".tmp";
  write_private_file(tmp, data);
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw std::system_error(ec, "rename to " + path.string());
  }
}

}  // namespace eimza::platform
