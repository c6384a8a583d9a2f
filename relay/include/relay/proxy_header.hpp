#pragma once
// The PROXY protocol v2 header HAProxy sends first on each connection to a relay
// (`send-proxy-v2`; HAProxy's doc/proxy-protocol.txt, section 2.2): the client's real address,
// so the relay's per-address budget charges the client and not the proxy. Parsed without I/O
// (and fuzzed); believed only from --trusted-proxy peers.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace eimza::relay {

inline constexpr std::size_t proxy_v2_fixed = 16;      // signature, version/command, family, length
inline constexpr std::size_t proxy_v2_max = 16 + 512;  // addresses plus a few TLVs; longer is refused

enum class proxy_status {
  need_more,  // read up to `length` bytes (at least proxy_v2_fixed) and ask again
  invalid,    // not a PROXY v2 header we accept: close the connection
  local,      // LOCAL command (the proxy's own health check): the TCP peer is the client
  proxied,    // PROXY over TCP/IPv4 or TCP/IPv6: `source` is the client
};

struct proxy_header {
  proxy_status status = proxy_status::need_more;
  std::size_t length = proxy_v2_fixed;  // the whole header, once known
  std::string source;                   // the client's address, when proxied
};

[[nodiscard]] proxy_header parse_proxy_v2(std::span<const std::uint8_t> data);

}  // namespace eimza::relay
