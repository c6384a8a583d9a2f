// The relay findings of the security review (issue #14), each reproduced against the real relay
// process: forged X-Forwarded-For, the address map that grew without bound, plain connections
// outside the budget, descriptor exhaustion, foreign origins holding the slots, a subprotocol
// accepted by substring, /metrics on the public port.
#include <gtest/gtest.h>

#include <array>
#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "relay/relay_path.hpp"
#include "relay/relay_server.hpp"
#include "relay_process.hpp"

using namespace eimza::test;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

// User + system CPU seconds of a process so far (/proc/<pid>/stat fields 14 and 15).
double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), {});
  std::istringstream rest(all.substr(all.rfind(')') + 2));
  std::string f;
  long ut = 0, st = 0;
  for (int i = 3; i <= 15 && rest >> f; ++i) {
    if (i == 14) ut = std::stol(f);
    if (i == 15) st = std::stol(f);
  }
  return static_cast<double>(ut + st) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// n TCP connections to the relay that send nothing, held until the vector goes (a connection the
// relay could not accept, at its descriptor limit, is kept too: the kernel queues it).
std::vector<std::unique_ptr<asio::ip::tcp::socket>> idle_connections(asio::io_context& io, int port, int n) {
  std::vector<std::unique_ptr<asio::ip::tcp::socket>> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(std::make_unique<asio::ip::tcp::socket>(io));
    boost::system::error_code ec;
    out.back()->connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
  }
  return out;
}

// "[ figures ] <what>: N fds open, RSS K KiB, CPU C s": the relay's state under an attack, for
// docs/relay.md's table.
void print_figures(const relay_process& relay, const std::string& what) {
  std::cout << "[ figures ] " << what << ": " << open_fds(relay.pid()) << " fds open, RSS "
            << rss_kib(relay.pid()) << " KiB, CPU " << cpu_seconds(relay.pid()) << " s since start\n";
}

// A WebSocket upgrade (/v1/new/<random>) on a connection that first sends `prefix` (a PROXY v2
// header); the HTTP status of the answer, 0 when the relay closed without one.
int upgrade_after(int port, const std::vector<std::uint8_t>& prefix, const header_list& headers,
                  std::vector<std::unique_ptr<ws_stream>>& keep) {
  thread_local asio::io_context io;
  auto ws = std::make_unique<ws_stream>(io);
  boost::beast::get_lowest_layer(*ws).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  boost::beast::error_code ec;
  asio::write(boost::beast::get_lowest_layer(*ws).socket(), asio::buffer(prefix), ec);
  ws->set_option(
      boost::beast::websocket::stream_base::decorator([headers](boost::beast::websocket::request_type& r) {
        r.set(boost::beast::http::field::sec_websocket_protocol, "bridgelink.v1");
        for (const auto& [k, v] : headers) r.set(k, v);
      }));
  boost::beast::websocket::response_type res;
  ws->handshake(res, "127.0.0.1:" + std::to_string(port), "/v1/new/" + random_channel(), ec);
  if (!ec) keep.push_back(std::move(ws));
  if (!ec) return res.result_int();
  // The relay either answered with a status line (the upgrade declined) or closed without one.
  // How a close shows depends on timing: EOF, a reset, or a broken pipe when it lands while the
  // request is still being written — all of them "no answer".
  return ec == boost::beast::websocket::error::upgrade_declined ? res.result_int() : 0;
}

// PROXY v2, TCP over IPv4, from `client` to 203.0.113.1:443.
std::vector<std::uint8_t> proxy_v2(std::array<std::uint8_t, 4> client) {
  return {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A,      0x51,      0x55,      0x49,
          0x54, 0x0A, 0x21, 0x11, 0,    12,   client[0], client[1], client[2], client[3],
          203,  0,    113,  1,    0x9C, 0x40, 0x01,      0xBB};
}

TEST(RelaySecurity, ForgedXForwardedForFromAClientIsIgnored) {
  // Finding: the limit was bypassed with a new X-Forwarded-For per request.
  relay_process relay({"--per-ip", "4", "--channels-per-ip", "4", "--quiet"});  // no trusted proxy
  std::vector<ws_result> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v1",
                              {{"X-Forwarded-For", "10.0.0." + std::to_string(i)}}));
    ASSERT_TRUE(open.back().ws);
  }
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v1",
                       {{"X-Forwarded-For", "10.9.9.9"}})
                .http_status,
            429);
}

TEST(RelaySecurity, TrustedProxyCountsTheAddressItAppended) {
  // Behind HAProxy (trusted): the last X-Forwarded-For entry is the client; what the client wrote
  // before it does not matter.
  relay_process relay({"--per-ip", "3", "--channels-per-ip", "3", "--trusted-proxy", "127.0.0.1", "--quiet"});
  std::vector<ws_result> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v1",
                              {{"X-Forwarded-For", "1.2.3." + std::to_string(i) + ", 203.0.113.7"}}));
    ASSERT_TRUE(open.back().ws) << i;
  }
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v1",
                       {{"X-Forwarded-For", "1.2.3.99, 203.0.113.7"}})
                .http_status,
            429);
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v1",
                         {{"X-Forwarded-For", "203.0.113.8"}})
                  .ws)
      << "another client behind the same proxy has its own budget";
}

// The deployment HAProxy template sends PROXY v2 (send-proxy-v2): the header's source is the
// client, charged before any HTTP; X-Forwarded-For is not believed then; a trusted peer's
// connection without a valid header gets nothing.
TEST(RelaySecurity, ProxyProtocolV2NamesTheClient) {
  relay_process relay({"--per-ip", "2", "--channels-per-ip", "2", "--trusted-proxy", "127.0.0.1",
                       "--proxy-protocol", "--quiet"});
  std::vector<std::unique_ptr<ws_stream>> held;
  EXPECT_EQ(upgrade_after(relay.port(), proxy_v2({198, 51, 100, 7}), {}, held), 101);
  EXPECT_EQ(upgrade_after(relay.port(), proxy_v2({198, 51, 100, 7}), {}, held), 101);
  EXPECT_EQ(upgrade_after(relay.port(), proxy_v2({198, 51, 100, 7}), {}, held), 429) << "its budget is spent";
  EXPECT_EQ(upgrade_after(relay.port(), proxy_v2({198, 51, 100, 7}), {{"X-Forwarded-For", "10.1.1.1"}}, held),
            429)
      << "X-Forwarded-For is not believed over the PROXY header";
  EXPECT_EQ(upgrade_after(relay.port(), proxy_v2({198, 51, 100, 8}), {}, held), 101) << "another client";
  EXPECT_EQ(upgrade_after(relay.port(), {}, {}, held), 0) << "no header from the trusted proxy: nothing";
  auto bad = proxy_v2({198, 51, 100, 9});
  bad[12] = 0x11;  // version 1 in binary form
  EXPECT_EQ(upgrade_after(relay.port(), bad, {}, held), 0);
  EXPECT_EQ(held.size(), 3u);
}

TEST(RelaySecurity, RefusedRequestsLeaveNoAddressBehind) {
  // Finding: each refused request with a new X-Forwarded-For left a map entry forever (+14 MB / 2,000).
  relay_process relay({"--per-ip", "1", "--trusted-proxy", "127.0.0.1", "--quiet"});
  const long rss_before = rss_kib(relay.pid());
  for (int i = 0; i < 2000; ++i)
    (void)ws_connect(
        relay.port(), "/v1/connect/" + random_channel(), "bridgelink.v1",
        {{"X-Forwarded-For", "198.51." + std::to_string(i / 250) + "." + std::to_string(i % 250)}});
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(relay.metric("relay_addresses_tracked"), 0)
      << "every address erased when its last connection ended";
  const long grown = rss_kib(relay.pid()) - rss_before;
  std::cout << "[ figures ] 2,000 refused requests with new forwarded addresses: RSS +" << grown << " KiB\n";
  EXPECT_LT(grown, 2048);
}

TEST(RelaySecurity, PlainConnectionsCountInThePerAddressBudget) {
  // Finding: plain HTTP connections (no request sent) did not count.
  relay_process relay({"--per-ip", "4", "--quiet"});
  asio::io_context io;
  auto idle = idle_connections(io, relay.port(), 4);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel()).http_status, 429);
  print_figures(relay, "4 idle plain connections hold a 4-connection budget");
  idle.clear();
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel()).ws);
}

// Finding (what to build, 4): the per-address budget counted raw sockets, so an institution
// behind one NAT (every bridge, and phones on its Wi-Fi, on one address) could pair only
// per_ip / 2 people at once. A connection in a channel is charged to the channel now: a bridge to
// its address's channel budget, a phone to the channel it joined (one per channel); the
// raw-socket budget bounds only connections that are not in a channel (HTTP, upgrades).
TEST(RelaySecurity, NatedInstitutionIsLimitedByChannelsNotSockets) {
  relay_process relay({"--per-ip", "4", "--channels-per-ip", "6", "--quiet"});
  std::vector<ws_result> held;
  for (int i = 0; i < 6; ++i) {
    const auto ch = random_channel();
    held.push_back(ws_connect(relay.port(), "/v1/new/" + ch));
    ASSERT_TRUE(held.back().ws) << "bridge " << i;
    held.push_back(ws_connect(relay.port(), "/v1/connect/" + ch));
    ASSERT_TRUE(held.back().ws) << "phone " << i;
  }
  // 12 WebSockets from one address, three times its raw budget; the 7th channel is one too many.
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel()).http_status, 429);
  EXPECT_EQ(relay.metric("relay_rejected_total{reason=\"channels_per_ip\"}"), 1);
  print_figures(relay, "6 pairs (12 WebSockets) from one address, the 7th channel refused");
  // Connections that are not in a channel still have their own budget.
  asio::io_context io;
  auto idle = idle_connections(io, relay.port(), 4);
  std::this_thread::sleep_for(100ms);
  held.erase(held.begin(), held.begin() + 2);  // one pair ends: a channel is free again
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel()).http_status, 429)
      << "four idle sockets hold the budget of connections outside channels";
  idle.clear();
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel()).ws) << "both budgets have room";
}

TEST(RelaySecurity, DescriptorExhaustionDoesNotSpinTheAcceptLoop) {
  // Finding: at the descriptor limit accept() was retried 6,500-10,000 times a second.
  relay_process relay({"--per-ip", "100000", "--max-connections", "100000", "--quiet"},
                      {"/usr/bin/prlimit", "--nofile=48"});
  asio::io_context io;
  auto held = idle_connections(io, relay.port(), 120);
  std::this_thread::sleep_for(500ms);
  const double cpu0 = cpu_seconds(relay.pid());
  std::this_thread::sleep_for(2s);
  const double used = cpu_seconds(relay.pid()) - cpu0;
  std::cout << "[ figures ] 120 connections at a 48-descriptor limit: " << open_fds(relay.pid())
            << " fds open, CPU " << used << " s over 2 s, RSS " << rss_kib(relay.pid()) << " KiB\n";
  EXPECT_LT(used, 0.3) << "the accept loop backs off instead of spinning";
  held.clear();
  std::this_thread::sleep_for(500ms);
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel()).ws)
      << "serves again once descriptors free up";
  EXPECT_GT(relay.metric("relay_accept_errors_total"), 0);
}

TEST(RelaySecurity, GlobalConnectionCap) {
  relay_process relay({"--per-ip", "100000", "--max-connections", "20", "--quiet"});
  asio::io_context io;
  auto held = idle_connections(io, relay.port(), 20);
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(ws_connect(relay.port(), "/v1/new/" + random_channel()).ws);
  EXPECT_GE(relay.metric("relay_rejected_total{reason=\"capacity\"}"), 1);
  print_figures(relay, "20 held connections at --max-connections 20, the 21st closed");
}

TEST(RelaySecurity, ForeignOriginCannotTakeTheSlots) {
  // Finding: a page of any origin could hold every WebSocket slot of an address.
  relay_process relay({"--per-ip", "64", "--quiet"});
  for (int i = 0; i < 70; ++i)
    ASSERT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v1",
                         {{"Origin", "https://evil.example"}})
                  .http_status,
              403);
  EXPECT_EQ(relay.metric("relay_rejected_total{reason=\"origin\"}"), 70);
  print_figures(relay, "70 upgrades from a foreign Origin, all refused");
  // The relay's own page (Origin host = Host) and clients without Origin (the bridge) pass.
  const std::string own = "http://127.0.0.1:" + std::to_string(relay.port());
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v1", {{"Origin", own}}).ws);
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel()).ws);
  relay_process allowing({"--allowed-origin", "https://eimza.example.org", "--quiet"});
  EXPECT_TRUE(ws_connect(allowing.port(), "/v1/new/" + random_channel(), "bridgelink.v1",
                         {{"Origin", "https://eimza.example.org"}})
                  .ws);
}

// Finding: on the relay the bridge embeds (demo, run --lan), whatever held the 64 slots of
// 127.0.0.1 (pages in the person's browser included) made the bridge's own pairing get 429. Now
// the embedded relay has a per-run credential: only it opens channels, and it is let in from a
// reserve even when the address's budget is spent.
TEST(RelaySecurity, EmbeddedRelayKeepsRoomForItsOwnBridge) {
  asio::io_context io;
  auto work = asio::make_work_guard(io);
  eimza::relay::relay_options o;
  o.per_ip_limit = 4;
  o.bridge_credential = "per-run-credential-0123456789abcdef";
  o.log_connections = false;
  std::ostringstream log;
  eimza::relay::relay_server relay(io, nullptr,
                                   asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0), o, log);
  std::thread t([&] { io.run(); });
  const int port = relay.port();
  const header_list own{{eimza::relay::bridge_credential_header, o.bridge_credential}};
  const header_list wrong{{eimza::relay::bridge_credential_header, "per-run-credential-0123456789abcdeX"}};
  // Without the credential nobody opens a channel here, whatever the budget.
  EXPECT_EQ(ws_connect(port, "/v1/new/" + random_channel()).http_status, 403);
  EXPECT_EQ(ws_connect(port, "/v1/new/" + random_channel(), "bridgelink.v1", wrong).http_status, 403);
  // Something holds every slot of 127.0.0.1 (idle connections that send nothing).
  asio::io_context client_io;
  std::vector<asio::ip::tcp::socket> held;
  for (int i = 0; i < 4; ++i) {
    held.emplace_back(client_io);
    held.back().connect(
        asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  }
  std::this_thread::sleep_for(100ms);  // accepted and charged
  EXPECT_EQ(ws_connect(port, "/v1/connect/" + random_channel()).http_status, 429) << "the budget is spent";
  EXPECT_EQ(ws_connect(port, "/v1/new/" + random_channel(), "bridgelink.v1", wrong).http_status, 429);
  // The bridge still gets its channels: the pairing code, the previous one, two resume channels.
  std::vector<ws_result> bridge;
  for (int i = 0; i < 4; ++i) {
    bridge.push_back(ws_connect(port, "/v1/new/" + random_channel(), "bridgelink.v1", own));
    EXPECT_TRUE(bridge.back().ws) << "the bridge's channel " << i << " was refused";
  }
  for (auto& s : held) s.close();
  bridge.clear();
  work.reset();
  io.stop();
  t.join();
}

TEST(RelaySecurity, SubprotocolMustMatchExactly) {
  // Finding: a header merely containing "bridgelink.v1" was accepted.
  relay_process relay({"--quiet"});
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel(), "xbridgelink.v1x").http_status, 400);
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel(), "bridgelink.v10").http_status, 400);
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel(), "chat, bridgelink.v1").ws);
}

TEST(RelaySecurity, MetricsAreNotOnThePublicPort) {
  relay_process relay({"--quiet"});
  EXPECT_EQ(relay.get("/metrics").first, 404);
  EXPECT_EQ(relay.get("/metrics", nullptr, relay.metrics_port()).first, 200);
  EXPECT_EQ(relay.get("/c/", nullptr, relay.metrics_port()).first, 404)
      << "the metrics listener serves nothing else";
}

}  // namespace

namespace {

TEST(RelaySecurity, StaticRootFollowsNoSymlinkAndServesOnlyTheCompanion) {
  // Finding: the static root served the whole web-companion checkout and followed symlinks.
  const auto dir =
      std::filesystem::temp_directory_path() / ("eimza-static-sec-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "src");
  std::ofstream(dir / "index.html") << "<!doctype html><title>x</title>";
  std::ofstream(dir / "secret.txt") << "outside";
  std::filesystem::create_directories(dir / "served");
  std::filesystem::copy(dir / "index.html", dir / "served" / "index.html");
  std::filesystem::create_symlink(dir / "secret.txt", dir / "served" / "leak.txt");
  std::filesystem::create_directory_symlink(dir / "src", dir / "served" / "src");
  std::ofstream(dir / "src" / "app.js") << "1";
  relay_process relay({"--static", (dir / "served").string(), "--quiet"});
  std::string headers;
  EXPECT_EQ(relay.get("/", &headers).first, 200);
  EXPECT_NE(headers.find("X-Frame-Options: DENY"), std::string::npos) << headers;
  EXPECT_EQ(relay.get("/leak.txt").first, 404) << "a symlinked file";
  EXPECT_EQ(relay.get("/src/app.js").first, 404) << "a file under a symlinked directory";
  std::filesystem::remove_all(dir);
  // The bridge serves the build tree's install-layout copy: no package.json, tests or node_modules.
  const auto dist = std::filesystem::path(EIMZA_COMPANION_DIST);
  EXPECT_TRUE(std::filesystem::exists(dist / "index.html"));
  for (const char* absent : {"package.json", "package-lock.json", "node_modules", "test", "tools"})
    EXPECT_FALSE(std::filesystem::exists(dist / absent)) << absent;
}

}  // namespace
