#include "platform/program_text.hpp"

#ifdef _WIN32
#include <windows.h>
// after windows.h, which it needs
#include <shellapi.h>

#include "platform/utf8_path.hpp"
#endif

namespace eimza::platform {

program_text::program_text(int argc, char** argv) {
#ifdef _WIN32
  int n = 0;
  if (wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &n)) {
    for (int i = 1; i < n; ++i) args_.push_back(path_utf8(std::filesystem::path(wide[i])));
    LocalFree(wide);
  } else {
    args_.assign(argv + 1, argv + argc);
  }
  old_output_cp_ = GetConsoleOutputCP();  // 0 without a console: nothing to set or put back
  old_input_cp_ = GetConsoleCP();
  if (old_output_cp_) SetConsoleOutputCP(CP_UTF8);
  if (old_input_cp_) SetConsoleCP(CP_UTF8);
#else
  args_.assign(argv + 1, argv + argc);
#endif
}

program_text::~program_text() {
#ifdef _WIN32
  if (old_output_cp_) SetConsoleOutputCP(old_output_cp_);
  if (old_input_cp_) SetConsoleCP(old_input_cp_);
#endif
}

}  // namespace eimza::platform
