#pragma once
// Paths from and to UTF-8 text on every system. On Linux a narrow string is the path's bytes; on
// Windows libstdc++ widens a narrow string byte by byte (not as UTF-8, whatever the code page), so
// text that may hold Turkish letters (arguments, config values, names we build) must become a
// path through here, never through path(std::string).
#include <filesystem>
#include <string>
#include <string_view>

namespace eimza::platform {

[[nodiscard]] inline std::filesystem::path utf8_path(std::string_view text) {
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

[[nodiscard]] inline std::string path_utf8(const std::filesystem::path& p) {
  const auto u8 = p.u8string();
  return std::string(u8.begin(), u8.end());
}

}  // namespace eimza::platform
