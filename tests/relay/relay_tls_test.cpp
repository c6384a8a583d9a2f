// The relay over TLS (wss://): certificate and key from files, the client verifies the chain
// and the host name; a client that does not trust the CA is refused at the TLS layer.
#include <gtest/gtest.h>

#include <unistd.h>

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <fstream>

#include "portal/local_ca.hpp"
#include "relay_process.hpp"

using namespace eimza::test;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using wss = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

namespace {

std::unique_ptr<wss> connect_wss(asio::io_context& io, asio::ssl::context& ctx, int port,
                                 const std::string& target, beast::error_code& ec) {
  auto ws = std::make_unique<wss>(io, ctx);
  beast::get_lowest_layer(*ws).connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  SSL_set_tlsext_host_name(ws->next_layer().native_handle(), "localhost");
  ws->next_layer().set_verify_callback(asio::ssl::host_name_verification("localhost"));
  ws->next_layer().handshake(asio::ssl::stream_base::client, ec);
  if (ec) return nullptr;
  ws->set_option(websocket::stream_base::decorator([](websocket::request_type& r) {
    r.set(beast::http::field::sec_websocket_protocol, "bridgelink.v1");
  }));
  ws->handshake("localhost", target, ec);
  if (ec) return nullptr;
  ws->binary(true);
  return ws;
}

TEST(RelayTls, WssWithVerifiedCertificate) {
  const auto tls = eimza::sim::make_local_tls("relay test CA");
  const auto dir = std::filesystem::temp_directory_path() / ("eimza-relay-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cert.pem") << tls.server_cert_pem;
  std::ofstream(dir / "key.pem") << tls.server_key_pem;
  relay_process relay({"--cert", (dir / "cert.pem").string(), "--key", (dir / "key.pem").string()});

  asio::io_context io;
  asio::ssl::context trusting(asio::ssl::context::tls_client);
  trusting.add_certificate_authority(asio::buffer(tls.ca_cert_pem));
  trusting.set_verify_mode(asio::ssl::verify_peer);
  const auto ch = random_channel();
  beast::error_code ec;
  auto bridge = connect_wss(io, trusting, relay.port(), "/v1/new/" + ch, ec);
  ASSERT_TRUE(bridge) << ec.message();
  auto phone = connect_wss(io, trusting, relay.port(), "/v1/connect/" + ch, ec);
  ASSERT_TRUE(phone) << ec.message();
  phone->write(asio::buffer(std::string("over tls")));
  beast::flat_buffer b;
  bridge->read(b);
  EXPECT_EQ(beast::buffers_to_string(b.data()), "over tls");

  asio::ssl::context stranger(asio::ssl::context::tls_client);
  stranger.set_default_verify_paths();
  stranger.set_verify_mode(asio::ssl::verify_peer);
  EXPECT_FALSE(connect_wss(io, stranger, relay.port(), "/v1/new/" + random_channel(), ec));
  EXPECT_TRUE(ec);
  std::filesystem::remove_all(dir);
}

}  // namespace
