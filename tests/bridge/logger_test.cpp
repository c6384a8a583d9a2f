// The log: secrets are redacted by their type, text is escaped, levels filter, files rotate
// and are private to the user.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "log/logger.hpp"

namespace {
namespace fs = std::filesystem;
using eimza::log::field;
using eimza::log::level;

struct memory_sink : eimza::log::sink {
  std::vector<std::string> lines;
  void write(std::string_view l) override { lines.emplace_back(l); }
};

bridgelink::secret_bytes secret(std::string_view s) {
  return bridgelink::secret_bytes(
      bridgelink::byte_view(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
}

fs::path temp_dir() {
  auto d = fs::temp_directory_path() / ("logger-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(d);
  return d;
}

TEST(Logger, SecretTypesNeverReachTheLine) {
  eimza::log::logger lg(level::debug);
  auto sink = std::make_shared<memory_sink>();
  lg.add(sink);
  const auto pin = secret("482915");
  bridgelink::secret_array<32> key;
  std::fill(key.data(), key.data() + 32, std::uint8_t{0x41});
  lg.info("pin_read", {{"pin", pin}, {"resume_key", key}, {"serial", "0036267E57013B46"}});
  ASSERT_EQ(sink->lines.size(), 1u);
  const auto& l = sink->lines[0];
  EXPECT_EQ(l.find("482915"), std::string::npos);
  EXPECT_EQ(l.find("AAAA"), std::string::npos);
  EXPECT_NE(l.find(" info pin_read pin=<redacted> resume_key=<redacted> serial=\"0036267E57013B46\""),
            std::string::npos)
      << l;
}

TEST(Logger, TextIsQuotedEscapedAndBounded) {
  eimza::log::logger lg(level::info);
  auto sink = std::make_shared<memory_sink>();
  lg.add(sink);
  lg.info("e", {{"t", "a\"b\\c\nd\x01"}, {"n", 42}, {"b", true}, {"long", std::string(2000, 'x')}});
  const auto& l = sink->lines.at(0);
  EXPECT_NE(l.find(R"(t="a\"b\\c\nd\x01" n=42 b=true)"), std::string::npos) << l;
  EXPECT_EQ(l.find('\n'), std::string::npos);
  EXPECT_LT(l.size(), 700u);
}

TEST(Logger, LevelsFilter) {
  eimza::log::logger lg(level::warn);
  auto sink = std::make_shared<memory_sink>();
  lg.add(sink);
  lg.debug("d");
  lg.info("i");
  lg.warn("w");
  lg.error("e");
  ASSERT_EQ(sink->lines.size(), 2u);
  EXPECT_NE(sink->lines[0].find(" warn w"), std::string::npos);
  EXPECT_NE(sink->lines[1].find(" error e"), std::string::npos);
  EXPECT_EQ(eimza::log::parse_level("debug"), level::debug);
  EXPECT_FALSE(eimza::log::parse_level("verbose"));
  EXPECT_FALSE(eimza::log::parse_level(""));
}

TEST(Logger, FileRotatesAndIsPrivate) {
  const auto dir = temp_dir();
  const auto path = (dir / "sub" / "bridge.log").string();
  eimza::log::rotating_file_sink sink(path, 200, 3);
  ASSERT_TRUE(sink.ok());
  for (int i = 0; i < 20; ++i) sink.write("line " + std::to_string(i) + std::string(40, '.'));
  EXPECT_TRUE(fs::exists(path));
  EXPECT_TRUE(fs::exists(path + ".1"));
  EXPECT_TRUE(fs::exists(path + ".2"));
  EXPECT_FALSE(fs::exists(path + ".3")) << "keeps 3 files in all";
  EXPECT_LE(fs::file_size(path), 200u);
  std::stringstream last;
  last << std::ifstream(path).rdbuf();
  EXPECT_NE(last.str().find("line 19"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  fs::remove_all(dir);
}

TEST(Logger, UnwritableDirectoryMeansNoFileNotACrash) {
  eimza::log::rotating_file_sink sink("/proc/nonexistent/bridge.log");
  EXPECT_FALSE(sink.ok());
  sink.write("nothing");
}

}  // namespace
