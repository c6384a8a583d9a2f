// Starting a helper on every platform: its arguments arrive exactly as given (spaces, quotes,
// backslashes — Windows rebuilds them from one command line), stdout and stderr go to the log,
// its exit code comes back, and stop() ends one that would run forever.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "platform/child_process.hpp"
#include "platform/private_files.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  std::erase(s, '\r');
  return s;
}

}  // namespace

TEST(ChildProcess, ArgumentsArriveAsGivenAndTheExitCodeComesBack) {
  const auto dir = eimza::platform::make_private_dir("eimza-child-test");
  const auto log = dir / "probe.log";
  {
    eimza::platform::child_process p(
        {EIMZA_CHILD_PROBE, "7", "two words", "a \"quoted\" one", "back\\slash\\", "", "tab\there",
         "\xC5\x9E\xC3\xBCkr\xC3\xBC \xC4\xB0\xC4\x9F"
         "d\xC4\xB1r"},  // Şükrü İğdır
        log.string());
    EXPECT_EQ(p.wait(30s), 7);
    EXPECT_FALSE(p.running());
  }
  EXPECT_EQ(slurp(log),
            "[7]\n[two words]\n[a \"quoted\" one]\n[back\\slash\\]\n[]\n[tab\there]\n"
            "[\xC5\x9E\xC3\xBCkr\xC3\xBC \xC4\xB0\xC4\x9F"
            "d\xC4\xB1r]\nto stderr\n");
  // Under wine the child's copy of the log handle closes a moment after its exit is signalled
  // (a sharing violation for a few ms): the test's own clean-up waits for it, at most a second.
  std::error_code ec;
  for (int i = 0; i < 50 && !fs::remove(log, ec); ++i) std::this_thread::sleep_for(20ms);
  fs::remove_all(dir, ec);
  EXPECT_FALSE(fs::exists(dir));
}

TEST(ChildProcess, StopEndsAChildThatWouldRunForever) {
  eimza::platform::child_process p({EIMZA_CHILD_PROBE, "sleep"});
  EXPECT_EQ(p.wait(200ms), -1000) << "still running";
  EXPECT_TRUE(p.running());
  p.stop(2000ms);
  EXPECT_FALSE(p.running());
}

TEST(ChildProcess, AProgramThatIsNotThereIsSaid) {
  const auto missing = (fs::temp_directory_path() / "eimza-no-such-program").string();
#ifdef _WIN32
  EXPECT_THROW(eimza::platform::child_process({missing}), std::runtime_error);
#else
  // fork succeeds; the child cannot exec and exits 127.
  eimza::platform::child_process p({missing});
  EXPECT_EQ(p.wait(10s), 127);
#endif
}
