// Load check (bounded, loopback only): 2,000 concurrent paired sessions (4,000 WebSockets) open,
// exchange a message each way, and close cleanly; afterwards the relay's descriptors and memory
// are back to their baseline. Timing goals live in bench/, not here.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <boost/asio.hpp>
#include <boost/beast/websocket.hpp>
#include <thread>

#include "relay_process.hpp"

using namespace eimza::test;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

constexpr int sessions = 2000;

struct session {
  std::string channel;
  std::unique_ptr<ws_stream> bridge, phone;
  bool exchanged = false, closed = false;
};

asio::awaitable<void> open_ws(std::unique_ptr<ws_stream>& ws, int port, std::string target) {
  auto ex = co_await asio::this_coro::executor;
  ws = std::make_unique<ws_stream>(ex);
  co_await beast::get_lowest_layer(*ws).async_connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)),
      asio::use_awaitable);
  ws->set_option(websocket::stream_base::decorator([](websocket::request_type& r) {
    r.set(beast::http::field::sec_websocket_protocol, "bridgelink.v1");
  }));
  co_await ws->async_handshake("127.0.0.1", target, asio::use_awaitable);
  ws->binary(true);
}

asio::awaitable<void> echo(session& s) {
  const std::string msg(64, static_cast<char>(s.channel[0]));
  co_await s.phone->async_write(asio::buffer(msg), asio::use_awaitable);
  beast::flat_buffer b;
  co_await s.bridge->async_read(b, asio::use_awaitable);
  co_await s.bridge->async_write(b.data(), asio::use_awaitable);
  beast::flat_buffer back;
  co_await s.phone->async_read(back, asio::use_awaitable);
  s.exchanged = beast::buffers_to_string(back.data()) == msg;
}

asio::awaitable<void> close_both(session& s) {
  co_await s.phone->async_close(websocket::close_code::normal, asio::use_awaitable);
  beast::flat_buffer b;
  boost::system::error_code ec;
  co_await s.bridge->async_read(b, asio::redirect_error(asio::use_awaitable, ec));  // the relay's 1001
  s.closed = ec == websocket::error::closed && s.bridge->reason().code == 1001;
}

// Runs f for every session concurrently; returns how many finished without an exception.
template <class F>
int run_all(asio::io_context& io, std::vector<session>& all, F f) {
  int ok = 0;
  for (auto& s : all) asio::co_spawn(io, f(s), [&ok](std::exception_ptr e) { ok += e ? 0 : 1; });
  io.run();
  io.restart();
  return ok;
}

void raise_fd_limit() {
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = rl.rlim_max;
  setrlimit(RLIMIT_NOFILE, &rl);
}

TEST(RelayLoad, TwoThousandPairedSessionsOpenAndCloseWithoutLeaks) {
  raise_fd_limit();
  relay_process relay({"--per-ip", "10000", "--channels-per-ip", "10000", "--quiet"});
  const int port = relay.port();
  asio::io_context io(1);

  // Warm-up with a full burst: the allocator keeps some of its peak (fragmentation, arenas)
  // even after malloc_trim; a second identical burst must then come back to that level, which
  // is what shows nothing leaks per session.
  std::vector<session> warm(sessions);
  for (auto& s : warm) s.channel = random_channel();
  run_all(io, warm, [port](session& s) { return open_ws(s.bridge, port, "/v1/new/" + s.channel); });
  run_all(io, warm, [port](session& s) { return open_ws(s.phone, port, "/v1/connect/" + s.channel); });
  run_all(io, warm, [](session& s) { return echo(s); });
  run_all(io, warm, [](session& s) { return close_both(s); });
  warm.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const long fds_before = open_fds(relay.pid());
  const long rss_before = rss_kib(relay.pid());

  std::vector<session> all(sessions);
  for (auto& s : all) s.channel = random_channel();
  EXPECT_EQ(run_all(io, all, [port](session& s) { return open_ws(s.bridge, port, "/v1/new/" + s.channel); }),
            sessions);
  EXPECT_EQ(
      run_all(io, all, [port](session& s) { return open_ws(s.phone, port, "/v1/connect/" + s.channel); }),
      sessions);
  EXPECT_EQ(relay.metric("relay_connections_current"), 2 * sessions);
  EXPECT_EQ(relay.metric("relay_channels_current"), sessions);
  const long fds_peak = open_fds(relay.pid());
  const long rss_peak = rss_kib(relay.pid());
  EXPECT_EQ(run_all(io, all, [](session& s) { return echo(s); }), sessions);
  EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const session& s) { return s.exchanged; }), sessions);
  EXPECT_EQ(run_all(io, all, [](session& s) { return close_both(s); }), sessions);
  EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const session& s) { return s.closed; }), sessions);
  all.clear();

  // Back to baseline: connections, channels, descriptors, memory.
  long fds_after = 0, rss_after = 0;
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    fds_after = open_fds(relay.pid());
    rss_after = rss_kib(relay.pid());
    if (relay.metric("relay_connections_current") == 0 && fds_after <= fds_before) break;
  }
  std::cout << "relay fds: " << fds_before << " -> " << fds_peak << " -> " << fds_after
            << "; RSS KiB: " << rss_before << " -> " << rss_peak << " -> " << rss_after << "\n";
  EXPECT_EQ(relay.metric("relay_connections_current"), 0);
  EXPECT_EQ(relay.metric("relay_channels_current"), 0);
  EXPECT_GE(fds_peak, fds_before + 2 * sessions);
  EXPECT_LE(fds_after, fds_before) << "every socket was closed";
#ifndef __SANITIZE_ADDRESS__
  // (Under AddressSanitizer freed memory sits in its quarantine: RSS says nothing there.)
  EXPECT_LE(rss_after, rss_before + 2 * 1024) << "memory back to baseline (within 2 MiB)";
#endif
  EXPECT_EQ(relay.metric("relay_paired_total"), 2 * sessions);
}

}  // namespace
