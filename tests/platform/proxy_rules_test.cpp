// The system proxy's rules (platform/proxy_rules.hpp): what Windows' proxy settings mean for a URL.
#include "platform/proxy_rules.hpp"

#include <gtest/gtest.h>

using eimza::platform::pick_proxy;
using eimza::platform::split_url;

TEST(ProxyRules, OneProxyForEveryScheme) {
  EXPECT_EQ(pick_proxy("proxy.kurum.gov.tr:8080", "", "https://kamusm.bilgem.tubitak.gov.tr/"),
            "http://proxy.kurum.gov.tr:8080");
  EXPECT_EQ(pick_proxy("http://10.1.2.3:3128", "", "https://portal.example/"), "http://10.1.2.3:3128");
  EXPECT_EQ(pick_proxy("", "", "https://portal.example/"), "") << "no proxy: direct";
  EXPECT_EQ(pick_proxy("  ", "", "https://portal.example/"), "");
}

TEST(ProxyRules, PerSchemeEntries) {
  const char* list = "http=web.kurum:80;https=secure.kurum:8443;ftp=ftp.kurum:21";
  EXPECT_EQ(pick_proxy(list, "", "https://portal.example/"), "http://secure.kurum:8443");
  EXPECT_EQ(pick_proxy(list, "", "http://portal.example/"), "http://web.kurum:80");
  EXPECT_EQ(pick_proxy("http=web.kurum:80", "", "https://portal.example/"), "")
      << "an https URL with only an http= entry goes direct, as Windows does";
  EXPECT_EQ(pick_proxy("socks=s.kurum:1080", "", "https://portal.example/"), "");
  EXPECT_EQ(pick_proxy("HTTPS=Secure.Kurum:8443", "", "https://portal.example/"), "http://Secure.Kurum:8443");
  EXPECT_EQ(pick_proxy("a.kurum:1 b.kurum:2", "", "https://portal.example/"), "http://a.kurum:1")
      << "the first of several";
}

TEST(ProxyRules, BypassList) {
  const char* bypass = "<local>;*.kurum.gov.tr; 10.*,portal.example:8443";
  const char* proxy = "proxy.kurum:8080";
  EXPECT_EQ(pick_proxy(proxy, bypass, "https://intranet/"), "") << "<local>: a name without a dot";
  EXPECT_EQ(pick_proxy(proxy, bypass, "https://ebys.kurum.gov.tr/giris"), "");
  EXPECT_EQ(pick_proxy(proxy, bypass, "https://EBYS.Kurum.Gov.TR/"), "") << "case does not matter";
  EXPECT_EQ(pick_proxy(proxy, bypass, "https://10.0.0.5:444/"), "");
  EXPECT_EQ(pick_proxy(proxy, bypass, "https://portal.example:8443/"), "") << "host:port entry";
  EXPECT_EQ(pick_proxy(proxy, bypass, "https://portal.example/"), "http://proxy.kurum:8080")
      << "another port is not bypassed";
  EXPECT_EQ(pick_proxy(proxy, bypass, "https://kamusm.bilgem.tubitak.gov.tr/"), "http://proxy.kurum:8080");
  EXPECT_EQ(pick_proxy(proxy, "https://*.example.org", "https://a.example.org/"), "") << "scheme prefix";
  EXPECT_EQ(pick_proxy(proxy, "https://*.example.org", "https://example.org.evil/"),
            "http://proxy.kurum:8080");
  EXPECT_EQ(pick_proxy(proxy, "", "https://localhost:4443/"), "http://proxy.kurum:8080")
      << "loopback is not bypassed unless the list says so";
}

TEST(ProxyRules, UrlParts) {
  auto u = split_url("https://Portal.Example:8443/x?y");
  EXPECT_EQ(u.scheme, "https");
  EXPECT_EQ(u.host, "portal.example");
  EXPECT_EQ(u.port, "8443");
  u = split_url("http://user:pw@host.example/p");
  EXPECT_EQ(u.host, "host.example");
  EXPECT_EQ(u.port, "80");
  u = split_url("https://[::1]:99/");
  EXPECT_EQ(u.host, "::1");
  EXPECT_EQ(u.port, "99");
  EXPECT_EQ(split_url("not a url").host, "");
}
