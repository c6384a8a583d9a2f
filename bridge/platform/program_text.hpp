#pragma once
// A program's text edges in UTF-8 on every system. Windows: the arguments from the wide command
// line (right even where the UTF-8 manifest is not honoured, Windows 10 before 1903), and the
// console's code pages set to UTF-8 for the program's life (Turkish output would otherwise be
// read as the OEM code page, 857), put back when it ends. Elsewhere: argv as it is.
#include <string>
#include <vector>

namespace eimza::platform {

class program_text {
 public:
  program_text(int argc, char** argv);
  ~program_text();
  program_text(const program_text&) = delete;
  program_text& operator=(const program_text&) = delete;

  /// The arguments after the program's name, UTF-8.
  [[nodiscard]] const std::vector<std::string>& args() const noexcept { return args_; }

 private:
  std::vector<std::string> args_;
  unsigned old_output_cp_ = 0, old_input_cp_ = 0;
};

}  // namespace eimza::platform
