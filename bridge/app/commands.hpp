#pragma once
// The bridge's sub-commands. Each returns the process exit code.
#include <iosfwd>
#include <string>

#include "ui/text.hpp"

namespace eimza::app {

struct demo_options {
  ui::language lang = ui::language::tr;
  std::string origin = "https://eimza.localhost";
  bool selfcheck = true;
};

int run_demo(const demo_options& opts, std::ostream& out);

}  // namespace eimza::app
