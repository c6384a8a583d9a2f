#include <windows.h>
#include <winhttp.h>

#include <filesystem>

#include "platform/proxy_rules.hpp"
#include "platform/system_proxy.hpp"
#include "platform/utf8_path.hpp"

namespace eimza::platform {

namespace {

std::string narrow(const wchar_t* w) {
  return w ? path_utf8(std::filesystem::path(w)) : std::string();
}

std::wstring widen(const std::string& s) {
  return utf8_path(s).wstring();
}

// WinHTTP hands out strings the caller frees with GlobalFree.
struct global_string {
  wchar_t* p = nullptr;
  global_string() = default;
  global_string(const global_string&) = delete;
  global_string& operator=(const global_string&) = delete;
  ~global_string() {
    if (p) GlobalFree(p);
  }
};

struct ie_config {
  BOOL auto_detect = FALSE;
  global_string pac_url, proxy, bypass;
};

struct winhttp_handle {
  HINTERNET h = nullptr;
  explicit winhttp_handle(HINTERNET x) : h(x) {}
  winhttp_handle(const winhttp_handle&) = delete;
  winhttp_handle& operator=(const winhttp_handle&) = delete;
  ~winhttp_handle() {
    if (h) WinHttpCloseHandle(h);
  }
};

// What a PAC script (given or found by WPAD) says for url; empty source when it said nothing.
system_proxy from_script(const ie_config& c, const std::string& url) {
  winhttp_handle session(WinHttpOpen(L"e-imza-companion", WINHTTP_ACCESS_TYPE_NO_PROXY, WINHTTP_NO_PROXY_NAME,
                                     WINHTTP_NO_PROXY_BYPASS, 0));
  if (!session.h) return {};
  // A PAC script or WPAD that never answers must not hold the journey.
  WinHttpSetTimeouts(session.h, 5000, 5000, 5000, 5000);
  WINHTTP_AUTOPROXY_OPTIONS o{};
  o.fAutoLogonIfChallenged = TRUE;
  if (c.pac_url.p) {
    o.dwFlags = WINHTTP_AUTOPROXY_CONFIG_URL;
    o.lpszAutoConfigUrl = c.pac_url.p;
  } else {
    o.dwFlags = WINHTTP_AUTOPROXY_AUTO_DETECT;
    o.dwAutoDetectFlags = WINHTTP_AUTO_DETECT_TYPE_DHCP | WINHTTP_AUTO_DETECT_TYPE_DNS_A;
  }
  WINHTTP_PROXY_INFO info{};
  const auto wurl = widen(url);
  if (!WinHttpGetProxyForUrl(session.h, wurl.c_str(), &o, &info)) return {};
  global_string proxy, bypass;
  proxy.p = info.lpszProxy;
  bypass.p = info.lpszProxyBypass;
  system_proxy r;
  r.source = c.pac_url.p ? "pac" : "auto-detect";
  if (info.dwAccessType == WINHTTP_ACCESS_TYPE_NAMED_PROXY)
    r.proxy = pick_proxy(narrow(proxy.p), narrow(bypass.p), url);
  return r;
}

}  // namespace

system_proxy system_proxy_for(const std::string& url) {
  WINHTTP_CURRENT_USER_IE_PROXY_CONFIG raw{};
  if (!WinHttpGetIEProxyConfigForCurrentUser(&raw)) return {};
  ie_config c;
  c.auto_detect = raw.fAutoDetect;
  c.pac_url.p = raw.lpszAutoConfigUrl;
  c.proxy.p = raw.lpszProxy;
  c.bypass.p = raw.lpszProxyBypass;
  if (c.pac_url.p || c.auto_detect) {
    auto r = from_script(c, url);
    if (!r.source.empty()) return r;
  }
  if (!c.proxy.p) return {};
  return {pick_proxy(narrow(c.proxy.p), narrow(c.bypass.p), url), "manual"};
}

}  // namespace eimza::platform
