// Waiting for a file another process creates: woken by the creation, also when its directory
// appears first; false after the timeout when nothing comes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "platform/path_wait.hpp"
#include "platform/private_files.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

TEST(PathWait, SeesAFileCreatedLaterEvenInADirectoryCreatedLater) {
  const auto dir = eimza::platform::make_private_dir("eimza-wait-test");
  const auto target = dir / "late" / "port";
  std::thread maker([&] {
    std::this_thread::sleep_for(200ms);
    fs::create_directory(dir / "late");
    std::this_thread::sleep_for(100ms);
    std::ofstream(target) << "1234\n";
  });
  EXPECT_TRUE(eimza::platform::wait_for_path(target, 20s));
  maker.join();
  EXPECT_TRUE(eimza::platform::wait_for_path(target, 0ms)) << "already there: at once";
  fs::remove_all(dir);
}

TEST(PathWait, NothingComesAndTheTimeoutSaysSo) {
  const auto dir = eimza::platform::make_private_dir("eimza-wait-test");
  EXPECT_FALSE(eimza::platform::wait_for_path(dir / "never", 300ms));
  fs::remove_all(dir);
}
