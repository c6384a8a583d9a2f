// net::curl_open_tunnel, the relay link's way through an institution's proxy: signed in with
// NTLM (NTLMv2, checked by the proxy against the password), the socket it hands over carries
// bytes both ways once Asio has taken it, as the link does; a wrong password is the proxy's
// refusal (407) with nothing left open. On Linux the test proxy runs in this process; under wine
// (scripts/windows) the code is Windows' — libcurl signing in through SSPI, a Winsock socket
// handed to Asio — and the proxy is the Linux one EIMZA_TEST_NTLM_PROXY names ("127.0.0.1:port").
#include "net/proxy_tunnel.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <cstdlib>
#include <memory>
#include <thread>

#ifndef _WIN32
#include "connect_proxy.hpp"
#endif

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using eimza::net::tunnel_result;
using namespace std::chrono_literals;

namespace {

constexpr const char* account_user = "ayse";
constexpr const char* account_password = "Gizli-Parola1";  // scripts/windows starts its proxy with these

// "127.0.0.1:port" of a proxy asking for NTLM sign-in as account_user; empty when there is none.
class ntlm_proxy {
 public:
  ntlm_proxy() {
    if (const char* given = std::getenv("EIMZA_TEST_NTLM_PROXY"); given && *given) {
      address_ = given;
      return;
    }
#ifndef _WIN32
    own_ = std::make_unique<eimza::test::connect_proxy>(
        eimza::test::connect_proxy::ntlm_account{account_user, account_password});
    address_ = "127.0.0.1:" + std::to_string(own_->port());
#endif
  }
  [[nodiscard]] const std::string& address() const {
    return address_;
  }

 private:
  std::string address_;
#ifndef _WIN32
  std::unique_ptr<eimza::test::connect_proxy> own_;
#endif
};

// Answers the first 5 bytes of one connection with themselves.
struct echo_server {
  asio::io_context io;
  tcp::acceptor acceptor{io, {asio::ip::make_address("127.0.0.1"), 0}};
  std::thread thread{[this] {
    boost::system::error_code ec;
    tcp::socket s(io);
    acceptor.accept(s, ec);
    char b[5];
    if (!ec) asio::read(s, asio::buffer(b), ec);
    if (!ec) asio::write(s, asio::buffer(b), ec);
  }};
  [[nodiscard]] unsigned short port() const { return acceptor.local_endpoint().port(); }
  ~echo_server() {
    boost::system::error_code ec;
    acceptor.close(ec);
    thread.join();
  }
};

}  // namespace

TEST(ProxyTunnel, SignsInWithNtlmAndCarriesBytesBothWays) {
  ntlm_proxy proxy;
  if (proxy.address().empty())
    GTEST_SKIP() << "no NTLM proxy: set EIMZA_TEST_NTLM_PROXY (scripts/windows does)";
  echo_server echo;
  std::atomic<bool> cancelled{false};
  const auto r = eimza::net::curl_open_tunnel(
      {"http://" + std::string(account_user) + ":" + account_password + "@" + proxy.address(), "127.0.0.1",
       echo.port(), 10s},
      cancelled);
  ASSERT_EQ(r.why, tunnel_result::failure::none) << r.detail;
  ASSERT_NE(r.socket, -1);
  asio::io_context io;
  tcp::socket s(io);
  s.assign(r.ipv6 ? tcp::v6() : tcp::v4(), static_cast<tcp::socket::native_handle_type>(r.socket));
  asio::write(s, asio::buffer("hallo", 5));
  char back[5] = {};
  asio::read(s, asio::buffer(back));
  EXPECT_EQ(std::string(back, 5), "hallo");
}

TEST(ProxyTunnel, AWrongPasswordIsTheProxysRefusal) {
  ntlm_proxy proxy;
  if (proxy.address().empty())
    GTEST_SKIP() << "no NTLM proxy: set EIMZA_TEST_NTLM_PROXY (scripts/windows does)";
  std::atomic<bool> cancelled{false};
  const auto r = eimza::net::curl_open_tunnel(
      {"http://" + std::string(account_user) + ":wrong@" + proxy.address(), "127.0.0.1", 9, 10s}, cancelled);
  EXPECT_EQ(r.why, tunnel_result::failure::refused) << r.detail;
  EXPECT_EQ(r.proxy_status, 407);
  EXPECT_EQ(r.socket, -1);
}

TEST(ProxyTunnel, NoProxyListeningIsUnreachableAndABadAddressIsSaid) {
  unsigned short closed_port = 0;
  {
    asio::io_context io;
    tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    closed_port = a.local_endpoint().port();
  }
  std::atomic<bool> cancelled{false};
  auto r = eimza::net::curl_open_tunnel(
      {"http://127.0.0.1:" + std::to_string(closed_port), "127.0.0.1", 9, 5s}, cancelled);
  EXPECT_EQ(r.why, tunnel_result::failure::proxy_unreachable) << r.detail;
  r = eimza::net::curl_open_tunnel({"socks5://127.0.0.1:1080", "127.0.0.1", 9, 5s}, cancelled);
  EXPECT_EQ(r.why, tunnel_result::failure::bad_proxy) << r.detail;
}
