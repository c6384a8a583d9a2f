// Loading a library at run time on every platform: a symbol found and called, a missing symbol,
// a missing file with the loader's reason, and a bare name that is not a system library refused
// (on Windows a bare name is looked up in System32 only, never next to the caller).
#include <gtest/gtest.h>

#include <filesystem>

#include "platform/shared_library.hpp"

using eimza::platform::shared_library;

TEST(SharedLibrary, LoadsAModuleAndFindsItsSymbol) {
  std::string why;
  auto lib = shared_library::open(EIMZA_PROBE_MODULE, why);
  ASSERT_TRUE(lib) << why;
  using answer_fn = int (*)();
  auto answer = reinterpret_cast<answer_fn>(lib.symbol("eimza_probe_answer"));
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(answer(), 42);
  EXPECT_EQ(lib.symbol("no_such_symbol"), nullptr);
  shared_library moved = std::move(lib);
  EXPECT_FALSE(lib);
  EXPECT_TRUE(moved);
}

TEST(SharedLibrary, AMissingFileSaysWhy) {
  std::string why;
  const auto missing = std::filesystem::temp_directory_path() / "eimza-no-such-module.so";
  auto lib = shared_library::open(missing, why);
  EXPECT_FALSE(lib);
  EXPECT_FALSE(why.empty());
  EXPECT_EQ(lib.symbol("anything"), nullptr);
}

TEST(SharedLibrary, ABareNameIsNotLookedUpNextToTheProgram) {
  // The probe sits next to this test program; by name alone it must not be found there.
  std::string why;
  const auto name = std::filesystem::path(EIMZA_PROBE_MODULE).filename();
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(std::filesystem::path(EIMZA_PROBE_MODULE).parent_path());
  auto lib = shared_library::open(name, why);
  std::filesystem::current_path(cwd);
  EXPECT_FALSE(lib) << "a bare name loaded " << name << " from the current directory";
}

TEST(SharedLibrary, ProgramDirIsWhereThisTestIs) {
  const auto dir = eimza::platform::program_dir();
  EXPECT_TRUE(std::filesystem::exists(dir));
  EXPECT_TRUE(std::filesystem::equivalent(dir, std::filesystem::path(EIMZA_PROBE_MODULE).parent_path()));
}
