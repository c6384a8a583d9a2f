// Ctrl-C on `bridge demo`: the journey is cancelled and ends through its normal path — destructors
// run (secrets wiped, helpers stopped, the work directory removed), the log records the end — within
// a second (a few ms measured), exit code 130. Before, the process left through std::_Exit(130), skipping
// them.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "read_file.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using eimza::test::read_file;

namespace {

std::string all_logs(const fs::path& dir) {
  std::string out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out += read_file(e.path());
  return out;
}

}  // namespace

TEST(Interrupt, CtrlCEndsTheDemoThroughItsNormalPath) {
  if (::geteuid() != 0) GTEST_SKIP() << "the demo starts pcscd as root";
  const fs::path root = fs::temp_directory_path() / ("eimza-interrupt-" + std::to_string(::getpid()));
  fs::create_directories(root);
  const fs::path out = root / "out.log";
  std::vector<std::string> argv{"/usr/bin/env",     "TMPDIR=" + root.string(),
                                "XDG_RUNTIME_DIR=", "XDG_STATE_HOME=" + (root / "state").string(),
                                EIMZA_BRIDGE,       "demo",
                                "--lang",           "en",
                                "--tray",           "off"};
  eimza::test::child_process demo(argv, out.string());
  for (int i = 0; i < 300 && read_file(out).find("[waiting_phone]") == std::string::npos; ++i)
    std::this_thread::sleep_for(100ms);
  ASSERT_NE(read_file(out).find("[waiting_phone]"), std::string::npos) << read_file(out);
  fs::path work;
  for (const auto& e : fs::directory_iterator(root))
    if (e.path().filename().string().rfind("eimza-demo-", 0) == 0) work = e.path();
  ASSERT_FALSE(work.empty());

  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(::kill(demo.pid(), SIGINT), 0);
  const int rc = demo.wait(10s);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(rc, 130) << read_file(out);
  std::cout << "Ctrl-C ended the demo in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
  EXPECT_LT(took, 1s) << "Ctrl-C took " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                      << " ms";
  EXPECT_FALSE(fs::exists(work)) << "the work directory is removed";
  const auto logs = all_logs(root / "state");
  EXPECT_NE(logs.find("journey_interrupted"), std::string::npos) << "the normal path ran to its end:\n"
                                                                 << logs;
  EXPECT_NE(read_file(out).find("Cancelled."), std::string::npos);
  fs::remove_all(root);
}
