// Finding (High): `bridge demo`, run as root, used a predictable work directory
// $TMPDIR/eimza-demo-<pid> and accepted it when it already existed; a user who planted a symlink
// named like a fixture file made root overwrite the link's target with the fixture PIN, PUK and
// security word. Also: fixture secrets sat in 0644 files in a 0755 directory.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "platform/private_files.hpp"
#include "read_file.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using eimza::test::read_file;

namespace {

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 ? st.st_mode & 07777 : 0;
}

struct temp_root {
  fs::path dir = fs::temp_directory_path() / ("eimza-sec-" + std::to_string(::getpid()));
  temp_root() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~temp_root() { fs::remove_all(dir); }
};

TEST(PrivateFiles, WorkDirectoryIsFreshUnpredictableAndPrivate) {
  temp_root root;
  const char* before = std::getenv("TMPDIR");
  const std::string saved = before ? before : "";
  ::setenv("TMPDIR", root.dir.c_str(), 1);
  ::unsetenv("XDG_RUNTIME_DIR");
  const auto a = eimza::platform::make_private_dir("eimza-demo");
  const auto b = eimza::platform::make_private_dir("eimza-demo");
  if (before)
    ::setenv("TMPDIR", saved.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.parent_path(), root.dir);
  EXPECT_NE(a.filename().string(), "eimza-demo-" + std::to_string(::getpid()))
      << "not guessable from the pid";
  EXPECT_EQ(mode_of(a), 0700u);
}

TEST(PrivateFiles, PlantedSymlinkIsNeverWrittenThrough) {
  temp_root root;
  const fs::path victim = root.dir / "root-only-file";
  std::ofstream(victim) << "precious";
  fs::permissions(victim, fs::perms::owner_read | fs::perms::owner_write);
  const fs::path work = root.dir / "work";
  fs::create_directories(work);
  fs::create_symlink(victim, work / "accounts.json");
  EXPECT_THROW(eimza::platform::write_private_file(work / "accounts.json", "PIN 482915"), std::system_error);
  EXPECT_EQ(read_file(victim), "precious");
  // An existing regular file is refused too (O_EXCL): nothing prepared is reused.
  std::ofstream(work / "card.json") << "{}";
  EXPECT_THROW(eimza::platform::write_private_file(work / "card.json", "x"), std::system_error);
  eimza::platform::write_private_file(work / "cert.der", "abc");
  EXPECT_EQ(mode_of(work / "cert.der"), 0600u);
  // Appending (logs) never follows a link either.
  fs::create_symlink(victim, work / "pcscd.log");
  EXPECT_LT(eimza::platform::open_private_append(work / "pcscd.log"), 0);
  EXPECT_EQ(read_file(victim), "precious");
  EXPECT_FALSE(eimza::platform::ensure_private_dir(work / "pcscd.log"))
      << "a symlink is not a directory of ours";
}

TEST(PrivateFiles, DemoFixturesArePrivateAndGoneAfterwards) {
  if (::geteuid() != 0) GTEST_SKIP() << "the demo starts pcscd as root";
  temp_root root;
  // What an attacker would have prepared for the old naming: links for the next pids.
  std::ofstream(root.dir / "victim") << "precious";
  for (int pid = ::getpid() + 1; pid < ::getpid() + 200; ++pid) {
    fs::create_directories(root.dir / ("eimza-demo-" + std::to_string(pid)));
    fs::create_symlink(root.dir / "victim",
                       root.dir / ("eimza-demo-" + std::to_string(pid)) / "accounts.json");
  }
  const fs::path log = root.dir / "demo.log";
  std::vector<std::string> argv{"/usr/bin/env",     "TMPDIR=" + root.dir.string(),
                                "XDG_RUNTIME_DIR=", "HOME=" + root.dir.string(),
                                EIMZA_BRIDGE,       "demo",
                                "--lang",           "en",
                                "--tray",           "off"};
  auto demo = std::make_unique<eimza::test::child_process>(argv, log.string());
  fs::path work;
  for (int i = 0; i < 300 && work.empty(); ++i) {
    std::this_thread::sleep_for(100ms);
    for (const auto& e : fs::directory_iterator(root.dir)) {
      const auto name = e.path().filename().string();
      if (name.rfind("eimza-demo-", 0) == 0 && !fs::is_symlink(e.path() / "accounts.json") &&
          fs::exists(e.path() / "card.json"))
        work = e.path();
    }
  }
  ASSERT_FALSE(work.empty()) << read_file(log);
  for (int i = 0; i < 300 && read_file(log).find("Desktop page") == std::string::npos; ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_EQ(mode_of(work), 0700u);
  for (const char* f : {"accounts.json", "card.json", "cert.der"}) EXPECT_EQ(mode_of(work / f), 0600u) << f;
  EXPECT_EQ(read_file(root.dir / "victim"), "precious");
  demo->stop();
  EXPECT_FALSE(fs::exists(work)) << "removed when the demo ends";
}

}  // namespace
