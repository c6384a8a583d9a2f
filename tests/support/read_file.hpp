#pragma once
// A whole file as a string ("" when it cannot be opened): logs, configs, fixtures in tests.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace eimza::test {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace eimza::test
