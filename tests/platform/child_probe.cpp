// A helper for child_process_test: prints each argument on a line of its own ("[arg]"), one line
// to stderr, then exits with the code given as the first argument — or, with "sleep", waits
// until it is stopped. The arguments come through platform::program_text (this probe has no
// UTF-8 manifest: on Windows its argv would be in the ANSI code page; the wide command line is not).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "platform/program_text.hpp"

int main(int argc, char** argv) {
  const eimza::platform::program_text text(argc, argv);
  const auto& args = text.args();
  for (const auto& a : args) std::printf("[%s]\n", a.c_str());
  std::fflush(stdout);  // before stderr: the log keeps this order
  std::fprintf(stderr, "to stderr\n");
  std::fflush(stderr);
  if (!args.empty() && args[0] == "sleep")
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));  // not polling: waits to be stopped
  return args.empty() ? 0 : std::atoi(args[0].c_str());
}
