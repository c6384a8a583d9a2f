#include "relay/proxy_header.hpp"

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>  // inet_ntop, INET6_ADDRSTRLEN
#else
#include <arpa/inet.h>
#include <sys/socket.h>
#endif

#include <algorithm>
#include <array>

namespace eimza::relay {

namespace {

constexpr std::array<std::uint8_t, 12> signature{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D,
                                                 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
constexpr std::uint8_t tcp_over_ipv4 = 0x11, tcp_over_ipv6 = 0x21;

proxy_header invalid() {
  return {proxy_status::invalid, 0, {}};
}

}  // namespace

proxy_header parse_proxy_v2(std::span<const std::uint8_t> data) {
  const auto seen = std::min(data.size(), signature.size());
  if (!std::equal(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(seen), signature.begin()))
    return invalid();
  if (data.size() < proxy_v2_fixed) return {};
  const std::uint8_t version = data[12] >> 4, command = data[12] & 0x0F, family = data[13];
  if (version != 2 || command > 1) return invalid();
  const std::size_t length = proxy_v2_fixed + (static_cast<std::size_t>(data[14]) << 8 | data[15]);
  if (length > proxy_v2_max) return invalid();
  if (data.size() < length) return {proxy_status::need_more, length, {}};
  if (command == 0) return {proxy_status::local, length, {}};  // addresses (if any) are ignored
  const auto addresses = data.subspan(proxy_v2_fixed, length - proxy_v2_fixed);
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (family == tcp_over_ipv4 && addresses.size() >= 12) {
    if (!::inet_ntop(AF_INET, addresses.data(), text.data(), text.size())) return invalid();
  } else if (family == tcp_over_ipv6 && addresses.size() >= 36) {
    if (!::inet_ntop(AF_INET6, addresses.data(), text.data(), text.size())) return invalid();
  } else {
    return invalid();  // UDP, UNIX sockets, UNSPEC or too short for its family
  }
  return {proxy_status::proxied, length, text.data()};
}

}  // namespace eimza::relay
