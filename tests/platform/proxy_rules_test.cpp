// The system proxy's rules (platform/proxy_rules.hpp): what Windows' proxy settings mean for a URL.
#include "platform/proxy_rules.hpp"
#include "platform/system_proxy.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

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

TEST(ProxyRules, ProxyAddresses) {
  eimza::platform::proxy_address a;
  ASSERT_TRUE(eimza::platform::parse_proxy("http://ali:g%C3%BC%40l@proxy.kurum:3128", a));
  EXPECT_EQ(a.host, "proxy.kurum");
  EXPECT_EQ(a.port, "3128");
  EXPECT_EQ(a.user, "ali");
  EXPECT_EQ(a.password, "g\xC3\xBC@l") << "percent-decoded";
  ASSERT_TRUE(eimza::platform::parse_proxy("10.0.0.1:8080", a));
  EXPECT_EQ(a.host, "10.0.0.1");
  EXPECT_EQ(a.port, "8080");
  EXPECT_EQ(a.user, "");
  ASSERT_TRUE(eimza::platform::parse_proxy("http://proxy.kurum", a));
  EXPECT_EQ(a.port, "1080") << "libcurl's default";
  EXPECT_FALSE(eimza::platform::parse_proxy("socks5://s.kurum:1080", a));
  EXPECT_FALSE(eimza::platform::parse_proxy("http://proxy.kurum:80x", a));
  EXPECT_FALSE(eimza::platform::parse_proxy("", a));
}

TEST(ProxyRules, NoProxy) {
  using eimza::platform::no_proxy_matches;
  EXPECT_TRUE(no_proxy_matches("localhost,.kurum.gov.tr", "relay.kurum.gov.tr"));
  EXPECT_TRUE(no_proxy_matches("kurum.gov.tr", "kurum.gov.tr"));
  EXPECT_TRUE(no_proxy_matches("kurum.gov.tr", "RELAY.Kurum.gov.tr"));
  EXPECT_FALSE(no_proxy_matches("kurum.gov.tr", "evilkurum.gov.tr"));
  EXPECT_TRUE(no_proxy_matches("*", "anything.example"));
  EXPECT_FALSE(no_proxy_matches("", "relay.example"));
}

#ifndef _WIN32
TEST(ProxyRules, OwnConnectionsFollowConfigurationThenEnvironment) {
  using eimza::platform::proxy_for;
  ::setenv("https_proxy", "http://env.proxy:3128", 1);
  ::setenv("no_proxy", ".kurum.gov.tr", 1);
  EXPECT_EQ(proxy_for("https://relay.example/", "http://conf.proxy:8080"), "http://conf.proxy:8080");
  EXPECT_EQ(proxy_for("https://relay.example/", ""), "http://env.proxy:3128");
  EXPECT_EQ(proxy_for("https://relay.kurum.gov.tr/", ""), "") << "no_proxy";
  ::unsetenv("https_proxy");
  ::unsetenv("no_proxy");
  EXPECT_EQ(proxy_for("https://relay.example/", ""), "") << "nothing set: direct";
}
#endif
