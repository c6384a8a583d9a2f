// The PROXY protocol v2 header (HAProxy's doc/proxy-protocol.txt, section 2.2): what the relay
// takes from a trusted proxy and everything it refuses.
#include <gtest/gtest.h>

#include <vector>

#include "relay/proxy_header.hpp"

using namespace eimza::relay;

namespace {

std::vector<std::uint8_t> header(std::uint8_t ver_cmd, std::uint8_t family, std::vector<std::uint8_t> rest) {
  std::vector<std::uint8_t> h{0x0D,
                              0x0A,
                              0x0D,
                              0x0A,
                              0x00,
                              0x0D,
                              0x0A,
                              0x51,
                              0x55,
                              0x49,
                              0x54,
                              0x0A,
                              ver_cmd,
                              family,
                              static_cast<std::uint8_t>(rest.size() >> 8),
                              static_cast<std::uint8_t>(rest.size())};
  for (const auto b : rest) h.push_back(b);  // (insert() of an empty range trips GCC 12's -Warray-bounds)
  return h;
}

// TCP/IPv4 198.51.100.7:40000 -> 203.0.113.1:443
const std::vector<std::uint8_t> ipv4_addresses{198, 51, 100, 7, 203, 0, 113, 1, 0x9C, 0x40, 0x01, 0xBB};

}  // namespace

TEST(ProxyHeader, TcpOverIpv4) {
  const auto h = header(0x21, 0x11, ipv4_addresses);
  const auto r = parse_proxy_v2(h);
  EXPECT_EQ(r.status, proxy_status::proxied);
  EXPECT_EQ(r.length, 28u);
  EXPECT_EQ(r.source, "198.51.100.7");
}

TEST(ProxyHeader, TcpOverIpv6WithTlvsAfterTheAddresses) {
  std::vector<std::uint8_t> a(36, 0);
  a[0] = 0x20, a[1] = 0x01, a[2] = 0x0d, a[3] = 0xb8, a[15] = 0x07;  // 2001:db8::7
  a.insert(a.end(), {0x04, 0x00, 0x03, 0x61, 0x62, 0x63});           // a TLV (type 4, 3 bytes)
  const auto r = parse_proxy_v2(header(0x21, 0x21, a));
  EXPECT_EQ(r.status, proxy_status::proxied);
  EXPECT_EQ(r.source, "2001:db8::7");
  EXPECT_EQ(r.length, 16u + 42u);
}

TEST(ProxyHeader, LocalCommandIsTheProxyItself) {
  EXPECT_EQ(parse_proxy_v2(header(0x20, 0x00, {})).status, proxy_status::local);
  EXPECT_EQ(parse_proxy_v2(header(0x20, 0x11, ipv4_addresses)).status, proxy_status::local);
}

TEST(ProxyHeader, AsksForExactlyWhatIsMissing) {
  const auto h = header(0x21, 0x11, ipv4_addresses);
  for (std::size_t n = 0; n < proxy_v2_fixed; ++n) {
    const auto r = parse_proxy_v2({h.data(), n});
    EXPECT_EQ(r.status, proxy_status::need_more) << n;
    EXPECT_EQ(r.length, proxy_v2_fixed);
  }
  for (std::size_t n = proxy_v2_fixed; n < h.size(); ++n) {
    const auto r = parse_proxy_v2({h.data(), n});
    EXPECT_EQ(r.status, proxy_status::need_more) << n;
    EXPECT_EQ(r.length, h.size());
  }
}

TEST(ProxyHeader, RefusesWhatIsNotAHeaderWeAccept) {
  const std::string http = "GET / HTTP/1.1\r\n";
  EXPECT_EQ(parse_proxy_v2({reinterpret_cast<const std::uint8_t*>(http.data()), http.size()}).status,
            proxy_status::invalid)
      << "a plain request instead of the header";
  const std::string v1 = "PROXY TCP4 198.51.100.7 203.0.113.1 40000 443\r\n";
  EXPECT_EQ(parse_proxy_v2({reinterpret_cast<const std::uint8_t*>(v1.data()), v1.size()}).status,
            proxy_status::invalid)
      << "version 1 (text)";
  EXPECT_EQ(parse_proxy_v2(header(0x11, 0x11, ipv4_addresses)).status, proxy_status::invalid)
      << "version 1 in v2 form";
  EXPECT_EQ(parse_proxy_v2(header(0x22, 0x11, ipv4_addresses)).status, proxy_status::invalid)
      << "unknown command";
  EXPECT_EQ(parse_proxy_v2(header(0x21, 0x12, ipv4_addresses)).status, proxy_status::invalid) << "UDP";
  EXPECT_EQ(parse_proxy_v2(header(0x21, 0x31, std::vector<std::uint8_t>(216, 0))).status,
            proxy_status::invalid)
      << "UNIX socket";
  EXPECT_EQ(parse_proxy_v2(header(0x21, 0x11, {198, 51, 100, 7})).status, proxy_status::invalid)
      << "too short";
  EXPECT_EQ(parse_proxy_v2(header(0x21, 0x21, ipv4_addresses)).status, proxy_status::invalid)
      << "too short for IPv6";
  auto huge = header(0x21, 0x11, ipv4_addresses);
  huge[14] = 0x02, huge[15] = 0x01;  // 513 bytes announced
  EXPECT_EQ(parse_proxy_v2({huge.data(), proxy_v2_fixed}).status, proxy_status::invalid)
      << "longer than we read";
}
