// Private files on every platform: created new or not at all, never through what is already
// there (a file or a link), owner-only (POSIX modes; on Windows a protected DACL with one entry,
// the user), published whole, directories created private and checked.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>
#include <vector>

#include "platform/private_files.hpp"

#ifdef _WIN32
#include <windows.h>
// After windows.h:
#include <aclapi.h>
#else
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;
using namespace eimza::platform;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

#ifdef _WIN32
bool under_wine() {
  const HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  return ntdll && GetProcAddress(ntdll, "wine_get_version") != nullptr;
}
#endif

struct scratch {
  fs::path dir = make_private_dir("eimza-pf-test");
  ~scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

// Only the owner may use it: POSIX mode bits, or on Windows a protected DACL whose only entry
// grants the current user.
::testing::AssertionResult owner_only(const fs::path& p, bool directory) {
#ifdef _WIN32
  (void)directory;
  PACL dacl = nullptr;
  PSECURITY_DESCRIPTOR sd = nullptr;
  if (GetNamedSecurityInfoW(p.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, &dacl,
                            nullptr, &sd) != ERROR_SUCCESS)
    return ::testing::AssertionFailure() << "no security descriptor on " << p;
  std::unique_ptr<void, decltype(&LocalFree)> guard(sd, &LocalFree);
  if (!dacl) return ::testing::AssertionFailure() << "a NULL DACL (everyone) on " << p;
  SECURITY_DESCRIPTOR_CONTROL control = 0;
  DWORD revision = 0;
  GetSecurityDescriptorControl(sd, &control, &revision);
  HANDLE token = nullptr;
  OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token);
  DWORD len = 0;
  GetTokenInformation(token, TokenUser, nullptr, 0, &len);
  std::vector<unsigned char> user(len);
  GetTokenInformation(token, TokenUser, user.data(), len, &len);
  CloseHandle(token);
  const PSID me = reinterpret_cast<TOKEN_USER*>(user.data())->User.Sid;
  unsigned char system_buf[SECURITY_MAX_SID_SIZE];
  DWORD system_len = sizeof system_buf;
  CreateWellKnownSid(WinLocalSystemSid, nullptr, system_buf, &system_len);
  bool mine = false;
  for (DWORD i = 0; i < dacl->AceCount; ++i) {
    void* ace = nullptr;
    GetAce(dacl, i, &ace);
    const auto* allowed = static_cast<ACCESS_ALLOWED_ACE*>(ace);
    if (allowed->Header.AceType != ACCESS_ALLOWED_ACE_TYPE) continue;
    const PSID who = const_cast<DWORD*>(&allowed->SidStart);
    if (EqualSid(who, me))
      mine = true;
    else if (!under_wine() || !EqualSid(who, system_buf))
      return ::testing::AssertionFailure() << "someone else may use " << p;
  }
  if (!mine) return ::testing::AssertionFailure() << "the user may not use " << p;
  // Wine keeps no DACL of its own: it turns the one given at creation into Unix mode bits and
  // shows one made from them (SYSTEM + the owner, without "Everyone" only when the mode is
  // private). On Windows the DACL is ours: protected, one entry.
  if (!under_wine() && (!(control & SE_DACL_PROTECTED) || dacl->AceCount != 1))
    return ::testing::AssertionFailure() << "the DACL inherits or has other entries: " << p;
  return ::testing::AssertionSuccess();
#else
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return ::testing::AssertionFailure() << "cannot stat " << p;
  const auto want = directory ? 0700u : 0600u;
  if ((st.st_mode & 0777u) != want)
    return ::testing::AssertionFailure() << "mode " << std::oct << (st.st_mode & 0777u) << " on " << p;
  if (st.st_uid != ::geteuid()) return ::testing::AssertionFailure() << "not ours: " << p;
  return ::testing::AssertionSuccess();
#endif
}

}  // namespace

TEST(PrivateFiles, DirectoriesAreNewUnpredictableAndOwnerOnly) {
  scratch a, b;
  EXPECT_NE(a.dir, b.dir);
  EXPECT_TRUE(fs::is_directory(a.dir));
  EXPECT_TRUE(owner_only(a.dir, true));
}

TEST(PrivateFiles, AFileIsCreatedOnceAndOwnerOnly) {
  scratch s;
  const auto f = s.dir / "secret.txt";
  write_private_file(f, "PIN 1234\n");
  EXPECT_EQ(slurp(f), "PIN 1234\n");
  EXPECT_TRUE(owner_only(f, false));
  EXPECT_THROW(write_private_file(f, "other"), std::system_error) << "an existing file is never overwritten";
  EXPECT_EQ(slurp(f), "PIN 1234\n");
}

TEST(PrivateFiles, NothingIsWrittenThroughALink) {
  scratch s;
  const auto target = s.dir / "target.txt";
  write_private_file(target, "keep");
  const auto link = s.dir / "link.txt";
  std::error_code ec;
  fs::create_symlink(target, link, ec);
  if (ec) GTEST_SKIP() << "no symbolic links here: " << ec.message();
  EXPECT_THROW(write_private_file(link, "through the link"), std::system_error);
  const int fd = open_private_append(link);
  EXPECT_LT(fd, 0) << "appending through a link";
  EXPECT_EQ(slurp(target), "keep");
}

TEST(PrivateFiles, PublishedFilesAppearWholeAndReplaceTheOldOne) {
  scratch s;
  const auto f = s.dir / "port";
  publish_private_file(f, "8443\n");
  EXPECT_EQ(slurp(f), "8443\n");
  publish_private_file(f, "9000\n");
  EXPECT_EQ(slurp(f), "9000\n");
  EXPECT_FALSE(fs::exists(s.dir / "port.tmp"));
  EXPECT_TRUE(owner_only(f, false));
}

TEST(PrivateFiles, AppendCreatesOwnerOnlyAndAppends) {
  scratch s;
  const auto f = s.dir / "log";
  for (const char* line : {"one\n", "two\n"}) {
    const int fd = open_private_append(f);
    ASSERT_GE(fd, 0);
#ifdef _WIN32
    std::FILE* out = _fdopen(fd, "ab");
#else
    std::FILE* out = fdopen(fd, "ab");
#endif
    ASSERT_NE(out, nullptr);
    std::fputs(line, out);
    std::fclose(out);
  }
  EXPECT_EQ(slurp(f), "one\ntwo\n");
  EXPECT_TRUE(owner_only(f, false));
}

TEST(PrivateFiles, EnsureDirCreatesParentsPrivateAndRefusesALink) {
  scratch s;
  const auto deep = s.dir / "a" / "b" / "c";
  EXPECT_TRUE(ensure_private_dir(deep));
  EXPECT_TRUE(fs::is_directory(deep));
  EXPECT_TRUE(owner_only(deep, true));
  EXPECT_TRUE(ensure_private_dir(deep)) << "an existing private directory is fine";
  std::error_code ec;
  fs::create_directory_symlink(deep, s.dir / "link", ec);
  if (ec) GTEST_SKIP() << "no symbolic links here: " << ec.message();
  EXPECT_FALSE(ensure_private_dir(s.dir / "link"));
}
