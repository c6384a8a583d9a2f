#include "pipes.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <stdexcept>

#include <sodium.h>

namespace bench {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

server_kind parse_kind(const std::string& s) {
  if (s == "ours") return server_kind::ours;
  if (s == "node") return server_kind::node;
  if (s == "transit") return server_kind::transit;
  throw std::runtime_error("unknown server kind " + s);
}

const char* kind_name(server_kind k) {
  switch (k) {
    case server_kind::ours: return "ours";
    case server_kind::node: return "node-ws";
    case server_kind::transit: return "transit";
  }
  return "?";
}

std::string random_channel() {
  std::uint8_t b[16];
  randombytes_buf(b, sizeof b);
  return bridgelink::to_hex(bridgelink::byte_view(b, sizeof b));
}

namespace {

tcp::socket connect_socket(asio::io_context& io, const target& t, const std::string& source) {
  tcp::socket s(io);
  const tcp::endpoint to(asio::ip::make_address(t.host), t.port);
  s.open(to.protocol());
  if (!source.empty()) s.bind(tcp::endpoint(asio::ip::make_address(source), 0));
  s.connect(to);
  s.set_option(tcp::no_delay(true));
  return s;
}

class ws_end final : public end {
 public:
  ws_end(tcp::socket s, const std::string& host, const std::string& path) : ws_(std::move(s)) {
    ws_.set_option(websocket::stream_base::decorator([](websocket::request_type& r) {
      r.set(beast::http::field::sec_websocket_protocol, "bridgelink.v1");
    }));
    ws_.read_message_max(1 << 20);
    ws_.handshake(host, path);
    ws_.binary(true);
  }
  void send(bridgelink::byte_view d) override { ws_.write(asio::buffer(d.data(), d.size())); }
  bridgelink::bytes receive() override {
    beast::flat_buffer b;
    beast::error_code ec;
    ws_.read(b, ec);
    if (ec) throw std::runtime_error("closed: " + ec.message());
    const auto* p = static_cast<const std::uint8_t*>(b.data().data());
    return bridgelink::bytes(p, p + b.size());
  }
  void close() override {
    beast::error_code ec;
    ws_.next_layer().shutdown(tcp::socket::shutdown_both, ec);
    ws_.next_layer().close(ec);
  }
  tcp::socket& socket() override { return ws_.next_layer(); }

 private:
  websocket::stream<tcp::socket> ws_;
};

// The transit relay forwards a byte stream: frames are u32be length + payload.
class tcp_end final : public end {
 public:
  explicit tcp_end(tcp::socket s) : s_(std::move(s)) {}
  void send(bridgelink::byte_view d) override {
    std::uint8_t h[4] = {static_cast<std::uint8_t>(d.size() >> 24), static_cast<std::uint8_t>(d.size() >> 16),
                         static_cast<std::uint8_t>(d.size() >> 8), static_cast<std::uint8_t>(d.size())};
    std::array<asio::const_buffer, 2> bufs{asio::buffer(h), asio::buffer(d.data(), d.size())};
    asio::write(s_, bufs);
  }
  bridgelink::bytes receive() override {
    std::uint8_t h[4];
    beast::error_code ec;
    asio::read(s_, asio::buffer(h), ec);
    if (ec) throw std::runtime_error("closed: " + ec.message());
    const std::size_t n =
        (std::size_t(h[0]) << 24) | (std::size_t(h[1]) << 16) | (std::size_t(h[2]) << 8) | h[3];
    if (n > (1u << 20)) throw std::runtime_error("frame too large");
    bridgelink::bytes out(n);
    asio::read(s_, asio::buffer(out), ec);
    if (ec) throw std::runtime_error("closed: " + ec.message());
    return out;
  }
  void close() override {
    beast::error_code ec;
    s_.shutdown(tcp::socket::shutdown_both, ec);
    s_.close(ec);
  }
  tcp::socket& socket() override { return s_; }
  void expect_ok() {
    char ok[3];
    asio::read(s_, asio::buffer(ok));
    if (std::string_view(ok, 3) != "ok\n") throw std::runtime_error("transit relay refused");
  }

 private:
  tcp::socket s_;
};

std::string transit_line(const std::string& channel_hex, const char* side) {
  // token: 32 bytes hex (the channel id twice), side: 8 bytes hex.
  return "please relay " + channel_hex + channel_hex + " for side " + side + "\n";
}

}  // namespace

std::unique_ptr<end> connector::open_bridge(const std::string& channel_hex, const std::string& source) {
  auto s = connect_socket(io_, t_, source);
  if (t_.kind == server_kind::transit) {
    asio::write(s, asio::buffer(transit_line(channel_hex, "000000000000000b")));
    return std::make_unique<tcp_end>(std::move(s));
  }
  return std::make_unique<ws_end>(std::move(s), t_.host, "/v1/new/" + channel_hex);
}

std::unique_ptr<end> connector::open_phone(const std::string& channel_hex, end& bridge,
                                           const std::string& source) {
  auto s = connect_socket(io_, t_, source);
  if (t_.kind == server_kind::transit) {
    asio::write(s, asio::buffer(transit_line(channel_hex, "000000000000000a")));
    auto phone = std::make_unique<tcp_end>(std::move(s));
    phone->expect_ok();
    static_cast<tcp_end&>(bridge).expect_ok();
    return phone;
  }
  return std::make_unique<ws_end>(std::move(s), t_.host, "/v1/connect/" + channel_hex);
}

pipe_pair connector::open_pair(const std::string& channel_hex, const std::string& source) {
  pipe_pair p;
  p.bridge = open_bridge(channel_hex, source);
  p.phone = open_phone(channel_hex, *p.bridge, source);
  return p;
}

}  // namespace bench
