// libFuzzer: the relay's request-target parsing (channels, static paths: no traversal), the
// HTTP request head parser it runs before the WebSocket upgrade (Beast, same limits), and the
// PROXY protocol v2 header it reads first from a trusted proxy, and the WebSocket frame heads it
// reads from clients.
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <string_view>

#include "relay/proxy_header.hpp"
#include "relay/relay_path.hpp"
#include "relay/ws_frame.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto t = eimza::relay::parse_target(in);
  // A channel's 16 bytes are the path's 32 hex digits, read back exactly.
  if (t.kind == eimza::relay::target_kind::channel &&
      in.find("/" + eimza::relay::to_hex(t.channel)) == std::string_view::npos)
    std::abort();
  if (t.kind == eimza::relay::target_kind::static_file) {
    // No absolute path, no empty, "." or ".." segment, no hidden file: nothing outside the root.
    if (t.file.empty() || t.file.front() == '/') std::abort();
    std::string_view rest = t.file;
    while (true) {
      const auto slash = rest.find('/');
      const auto seg = rest.substr(0, slash);
      if (seg.empty() || seg.front() == '.') std::abort();
      if (slash == std::string_view::npos) break;
      rest.remove_prefix(slash + 1);
    }
  }
  const auto h = eimza::relay::parse_proxy_v2({data, size});
  if (h.status == eimza::relay::proxy_status::need_more &&
      (h.length <= size || h.length > eimza::relay::proxy_v2_max))
    std::abort();
  if (h.status == eimza::relay::proxy_status::proxied && (h.length > size || h.source.empty())) std::abort();
  eimza::relay::ws::frame_head f;
  if (eimza::relay::ws::parse_client_head({data, size}, f) == eimza::relay::ws::head_status::complete &&
      (f.size > size || f.size < 6 || f.size > 14 || (eimza::relay::ws::is_control(f.op) && f.length > 125)))
    std::abort();
  boost::beast::http::request_parser<boost::beast::http::string_body> p;
  p.header_limit(8 * 1024);
  p.body_limit(4 * 1024);
  p.eager(true);
  boost::beast::error_code ec;
  p.put(boost::asio::buffer(data, size), ec);
  if (!ec && p.is_header_done()) (void)eimza::relay::parse_target(p.get().target());
  return 0;
}
