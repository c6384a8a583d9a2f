#include "app/app_files.hpp"

#include <boost/asio/ip/udp.hpp>

#include <array>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "bridgelink/random.hpp"
#include "platform/shared_library.hpp"

namespace eimza::app {
namespace fs = std::filesystem;
namespace {

fs::path self_dir() {
  return platform::program_dir();
}

std::optional<fs::path> find_first(const std::vector<fs::path>& candidates) {
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::exists(c, ec)) return fs::canonical(c, ec);
  return std::nullopt;
}

}  // namespace

std::optional<fs::path> find_helper(std::string_view name) {
  const auto dir = self_dir();
  return find_first({dir / "../simulator" / name, dir / name, fs::path("/usr/lib/eimza") / name});
}

std::optional<fs::path> find_companion() {
  const auto dir = self_dir();
  // The served copy only (build tree: <build>/share/…, made by the companion_dist target), never
  // the source checkout with its package.json, node_modules and tests.
  return find_first({dir / "../share/eimza/web-companion", "/usr/share/eimza/web-companion"});
}

// The address other devices on the LAN reach this machine at: the source address of the
// default route (a UDP "connect" sends nothing).
std::optional<boost::asio::ip::address> lan_address(boost::asio::io_context& io) {
  namespace asio = boost::asio;
  boost::system::error_code ec;
  asio::ip::udp::socket s(io);
  s.open(asio::ip::udp::v4(), ec);
  if (!ec) s.connect({asio::ip::make_address("192.0.2.1"), 9}, ec);
  if (ec) return std::nullopt;
  const auto a = s.local_endpoint(ec).address();
  if (ec || a.is_loopback() || a.is_unspecified()) return std::nullopt;
  return a;
}

bridgelink::lan_hint lan_hint_of(const boost::asio::ip::address& addr, unsigned short port) {
  bridgelink::lan_hint hint;
  if (addr.is_v4()) {
    const auto b = addr.to_v4().to_bytes();
    hint.address.assign(b.begin(), b.end());
  } else {
    const auto b = addr.to_v6().to_bytes();
    hint.address.assign(b.begin(), b.end());
  }
  hint.port = port;
  return hint;
}

relay::relay_options embedded_relay_options(const std::filesystem::path& companion,
                                            const std::string& credential) {
  relay::relay_options ro;
  ro.static_dir = companion.string();
  ro.log_connections = false;
  ro.serve_metrics = false;  // nobody scrapes the embedded relay; its counters are not for the LAN
  ro.bridge_credential = credential;
  return ro;
}

std::string random_token() {
  bridgelink::system_random rng;
  std::array<std::uint8_t, 16> b{};
  rng.fill(b);
  return bridgelink::to_base64url(b);
}

}  // namespace eimza::app
