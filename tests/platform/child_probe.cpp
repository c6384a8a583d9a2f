// A helper for child_process_test: prints each argument on a line of its own ("[arg]"), one line
// to stderr, then exits with the code given as the first argument — or, with "sleep", waits
// until it is stopped.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) std::printf("[%s]\n", argv[i]);
  std::fflush(stdout);  // before stderr: the log keeps this order
  std::fprintf(stderr, "to stderr\n");
  std::fflush(stderr);
  if (argc > 1 && std::string(argv[1]) == "sleep")
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));  // not polling: waits to be stopped
  return argc > 1 ? std::atoi(argv[1]) : 0;
}
