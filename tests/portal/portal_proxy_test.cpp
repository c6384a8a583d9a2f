// Corporate proxies: the portal session through an authenticating CONNECT proxy, given by the
// environment (https_proxy with credentials) or by configuration; wrong proxy credentials fail
// clearly and send nothing to the portal.
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

#include "child_process.hpp"
#include "connect_proxy.hpp"
#include "portal/portal_session.hpp"
#include "portal_sim_process.hpp"

using namespace eimza;

namespace {

const std::string basic_user_pass = "dXNlcjpwYXNz";  // base64("user:pass")

class env_var {
 public:
  env_var(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~env_var() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

portal::portal_result<portal::login_screen> open_through(test::portal_sim& sim, const std::string& proxy) {
  auto profile = portal::builtin_profile();
  profile.entry_url = sim.origin();
  portal::http_options o;
  o.ca_file = sim.ca_file();
  o.proxy = proxy;
  o.get_retries = 0;
  portal::curl_http_client http(o);
  portal::portal_session s(http, profile);
  return s.open();
}

TEST(PortalProxy, EnvironmentProxyWithCredentials) {
  test::portal_sim sim;
  test::connect_proxy proxy(basic_user_pass);
  env_var no("no_proxy", ""), no2("NO_PROXY", "");
  env_var https("https_proxy", "http://user:pass@127.0.0.1:" + std::to_string(proxy.port()));
  auto screen = open_through(sim, "");
  ASSERT_TRUE(screen) << portal::code_name(screen.error());
  EXPECT_GE(proxy.tunnels(), 1) << "the portal was reached through the proxy";
}

TEST(PortalProxy, ConfiguredProxyWithWrongPasswordFailsClearly) {
  test::portal_sim sim;
  test::connect_proxy proxy(basic_user_pass);
  env_var no("no_proxy", ""), no2("NO_PROXY", "");
  auto screen = open_through(sim, "http://user:wrong@127.0.0.1:" + std::to_string(proxy.port()));
  ASSERT_FALSE(screen);
  EXPECT_EQ(screen.error(), portal::portal_errc::network);
  EXPECT_GE(proxy.refused(), 1);
  EXPECT_EQ(proxy.tunnels(), 0);
  EXPECT_TRUE(open_through(sim, "http://user:pass@127.0.0.1:" + std::to_string(proxy.port())));
}

// Windows domains' proxies ask for NTLM: libcurl signs in (NTLMv2, checked by the proxy against
// the password) with the credentials in the proxy's address.
TEST(PortalProxy, SignsInToAnNtlmProxy) {
  test::portal_sim sim;
  test::connect_proxy proxy(test::connect_proxy::ntlm_account{"ayse", "Gizli-Parola1"});
  env_var no("no_proxy", ""), no2("NO_PROXY", "");
  const auto at = "@127.0.0.1:" + std::to_string(proxy.port());
  auto screen = open_through(sim, "http://ayse:Gizli-Parola1" + at);
  ASSERT_TRUE(screen) << portal::code_name(screen.error());
  EXPECT_GE(proxy.signed_in(), 1);
  EXPECT_GE(proxy.tunnels(), 1);
  EXPECT_FALSE(open_through(sim, "http://ayse:wrong" + at)) << "a wrong password gets through";
  EXPECT_GE(proxy.refused(), 1);
}

// The bridge itself (`bridge portal-check`), ours or EIMZA_BRIDGE_UNDER_TEST ("wine …/bridge.exe":
// scripts/windows runs these against the Windows build, which reaches this simulator and proxy
// over loopback).
std::string bridge_command() {
  const char* other = std::getenv("EIMZA_BRIDGE_UNDER_TEST");
  return other && *other ? other : EIMZA_BRIDGE;
}

std::string portal_check(test::portal_sim& sim, const std::string& extra, int& rc) {
  return test::run_capture(bridge_command() + " portal-check --portal-url " + sim.named_origin() +
                               " --portal-ca " + sim.ca_file() + " " + extra + " 2>&1",
                           rc);
}

TEST(PortalProxy, BridgeThroughAConfiguredAuthenticatingProxy) {
  test::portal_sim sim;
  test::connect_proxy proxy(basic_user_pass);
  env_var no("no_proxy", ""), no2("NO_PROXY", "");
  int rc = 0;
  const auto out =
      portal_check(sim, "--proxy http://user:pass@127.0.0.1:" + std::to_string(proxy.port()), rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("No credential was sent"), std::string::npos) << out;
  EXPECT_GE(proxy.tunnels(), 1) << out;
}

// The bridge through a proxy that wants NTLM, credentials in its address: libcurl's own NTLM on
// Linux; under wine (scripts/windows) bridge.exe's libcurl signs in through SSPI, wine's NTLM
// provider working with Samba's ntlm_auth.
TEST(PortalProxy, BridgeSignsInToAnNtlmProxy) {
  test::portal_sim sim;
  test::connect_proxy proxy(test::connect_proxy::ntlm_account{"ayse", "Gizli-Parola1"});
  env_var no("no_proxy", ""), no2("NO_PROXY", "");
  int rc = 0;
  const auto out =
      portal_check(sim, "--proxy http://ayse:Gizli-Parola1@127.0.0.1:" + std::to_string(proxy.port()), rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_GE(proxy.signed_in(), 1) << out;
  EXPECT_GE(proxy.tunnels(), 1) << out;
}

// The proxy the person's system is set to use, with nothing on the command line: on Linux the
// environment's https_proxy; for a bridge under test, EIMZA_SYSTEM_PROXY_SET sets it the system's
// way (scripts/windows: Windows' Internet settings in the wine prefix, read through WinHTTP).
TEST(PortalProxy, BridgeGoesThroughTheSystemsProxy) {
  test::portal_sim sim;
  test::connect_proxy proxy("");
  const std::string at = "127.0.0.1:" + std::to_string(proxy.port());
  env_var no("no_proxy", ""), no2("NO_PROXY", "");
  const char* set_system = std::getenv("EIMZA_SYSTEM_PROXY_SET");
  std::optional<env_var> https;
  int rc = 0;
  if (set_system && *set_system) {
    ::unsetenv("https_proxy");
    ::unsetenv("HTTPS_PROXY");
    ASSERT_EQ(std::system((std::string(set_system) + " " + at).c_str()), 0);
  } else {
    https.emplace("https_proxy", "http://" + at);
  }
  const auto out = portal_check(sim, "", rc);
  if (set_system && *set_system) (void)std::system((std::string(set_system) + " none").c_str());
  EXPECT_EQ(rc, 0) << out;
  EXPECT_GE(proxy.tunnels(), 1) << "the portal was reached through the system's proxy: " << out;
}

}  // namespace
