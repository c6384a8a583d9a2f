// The system proxy as the bridge reads it (platform/system_proxy.hpp). On Windows the test sets
// the user's proxy the way the Settings app stores it (the DefaultConnectionSettings value under
// Internet Settings, Connections), reads it back through WinHTTP, and puts the old value back.
#include "platform/system_proxy.hpp"

#include <gtest/gtest.h>

#ifdef _WIN32
#include <windows.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace {

const wchar_t* const connections =
    L"Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections";

// The documented layout: a header (0x46, a counter, flags: 1 direct, 2 proxy, 4 PAC URL,
// 8 detect), then length-prefixed proxy, bypass and PAC URL strings.
std::vector<std::uint8_t> settings_blob(std::uint32_t flags, const std::string& proxy,
                                        const std::string& bypass, const std::string& pac) {
  std::vector<std::uint8_t> b;
  auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  auto str = [&](const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    b.insert(b.end(), s.begin(), s.end());
  };
  u32(0x46);
  u32(1);
  u32(flags);
  str(proxy);
  str(bypass);
  str(pac);
  b.resize(b.size() + 32, 0);
  return b;
}

// Sets DefaultConnectionSettings for the test's life; the person's own value comes back after.
class proxy_settings {
 public:
  explicit proxy_settings(const std::vector<std::uint8_t>& blob) {
    RegCreateKeyExW(HKEY_CURRENT_USER, connections, 0, nullptr, 0, KEY_READ | KEY_WRITE, nullptr, &key_,
                    nullptr);
    DWORD size = 0;
    if (RegQueryValueExW(key_, L"DefaultConnectionSettings", nullptr, nullptr, nullptr, &size) ==
        ERROR_SUCCESS) {
      old_.emplace(size);
      RegQueryValueExW(key_, L"DefaultConnectionSettings", nullptr, nullptr, old_->data(), &size);
    }
    RegSetValueExW(key_, L"DefaultConnectionSettings", 0, REG_BINARY, blob.data(),
                   static_cast<DWORD>(blob.size()));
  }
  ~proxy_settings() {
    if (old_)
      RegSetValueExW(key_, L"DefaultConnectionSettings", 0, REG_BINARY, old_->data(),
                     static_cast<DWORD>(old_->size()));
    else
      RegDeleteValueW(key_, L"DefaultConnectionSettings");
    RegCloseKey(key_);
  }
  proxy_settings(const proxy_settings&) = delete;
  proxy_settings& operator=(const proxy_settings&) = delete;

 private:
  HKEY key_ = nullptr;
  std::optional<std::vector<std::uint8_t>> old_;
};

}  // namespace

TEST(SystemProxy, ManualProxyFromTheUsersInternetSettings) {
  proxy_settings set(settings_blob(0x1 | 0x2, "proxy.kurum.gov.tr:8080", "<local>;*.kurum.gov.tr", ""));
  auto p = eimza::platform::system_proxy_for("https://kamusm.bilgem.tubitak.gov.tr/");
  EXPECT_EQ(p.source, "manual");
  EXPECT_EQ(p.proxy, "http://proxy.kurum.gov.tr:8080");
  EXPECT_EQ(eimza::platform::system_proxy_for("https://ebys.kurum.gov.tr/").proxy, "") << "bypassed";
  EXPECT_EQ(eimza::platform::system_proxy_for("https://intranet/").proxy, "") << "<local>";
}

TEST(SystemProxy, DirectWhenNothingIsSet) {
  proxy_settings set(settings_blob(0x1, "", "", ""));
  EXPECT_EQ(eimza::platform::system_proxy_for("https://kamusm.bilgem.tubitak.gov.tr/").proxy, "");
}

#else

TEST(SystemProxy, NoneOfOurOwnOnLinuxLibcurlReadsTheEnvironment) {
  EXPECT_EQ(eimza::platform::system_proxy_for("https://kamusm.bilgem.tubitak.gov.tr/").proxy, "");
}

#endif
