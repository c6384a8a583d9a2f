// Text with Turkish letters survives as a path on every system (platform/utf8_path.hpp), and on
// Windows the UTF-8 manifest (packaging/windows/utf8.manifest) is in effect for our programs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "platform/private_files.hpp"
#include "platform/utf8_path.hpp"

#ifdef _WIN32
#include <windows.h>
#endif

using eimza::platform::path_utf8;
using eimza::platform::utf8_path;

namespace {
const std::string turkish =
    "Kimlik No \xC5\x9F\xC4\x9F\xC4\xB1\xC3\xBC\xC3\xB6\xC3\xA7 \xC4\xB0";  // şğıüöç İ
}

TEST(Utf8, TheManifestMakesUtf8TheProcessCodePage) {
#ifdef _WIN32
  EXPECT_EQ(GetACP(), 65001u) << "the UTF-8 manifest is not in effect";
#else
  GTEST_SKIP() << "Windows only";
#endif
}

TEST(Utf8, TextBecomesAPathAndBack) {
  EXPECT_EQ(path_utf8(utf8_path(turkish)), turkish);
#ifdef _WIN32
  EXPECT_EQ(utf8_path(turkish).wstring(), L"Kimlik No \u015F\u011F\u0131\u00FC\u00F6\u00E7 \u0130");
#endif
}

TEST(Utf8, AFileWithTurkishLettersInItsNameIsFoundAgain) {
  const auto dir = eimza::platform::make_private_dir("eimza-utf8-test");
  eimza::platform::write_private_file(dir / utf8_path("\xC5\x9Fifre.txt"), "x");  // şifre.txt
  bool found = false;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    found = found || path_utf8(e.path().filename()) == "\xC5\x9Fifre.txt";
  EXPECT_TRUE(found);
  std::filesystem::remove_all(dir);
}

// Options (a profile, a config file, saved pages) arrive as UTF-8 text; the bridge opens them
// through utf8_path (wide names on Windows, whatever the code page). The C library's narrow
// names work too while the manifest makes UTF-8 the code page (Windows 10 1903 and later).
TEST(Utf8, AFileNamedInUtf8TextOpensThroughUtf8Path) {
  const auto dir = eimza::platform::make_private_dir("eimza-utf8-open");
  const auto name = path_utf8(dir / utf8_path("\xC3\x87\xC4\xB1kt\xC4\xB1.json"));  // Çıktı.json
  eimza::platform::write_private_file(utf8_path(name), "{}");
  std::string text, narrow_text;
  {
    std::ifstream in(utf8_path(name));
    in >> text;
    std::ifstream narrow(name);
    narrow >> narrow_text;
  }
  EXPECT_EQ(text, "{}");
  EXPECT_EQ(narrow_text, "{}");
  std::filesystem::remove_all(dir);
}
