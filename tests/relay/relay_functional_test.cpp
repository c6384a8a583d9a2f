// The relay process over real WebSockets: pairing and forwarding, and every kind of bad input
// the issue lists, each closed with the right status while the relay keeps serving others.
#include <gtest/gtest.h>

#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "relay_process.hpp"

using namespace eimza::test;
namespace websocket = boost::beast::websocket;
namespace asio = boost::asio;

namespace {

struct pair_t {
  ws_result bridge, phone;
};

pair_t open_pair(int port, const std::string& ch) {
  pair_t p;
  p.bridge = ws_connect(port, "/v1/new/" + ch);
  p.phone = ws_connect(port, "/v1/connect/" + ch);
  return p;
}

// The process's CPU time so far, in clock ticks (user + system, /proc/<pid>/stat fields 14 and 15).
long cpu_ticks(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream rest(all.substr(all.rfind(')') + 2));  // after "pid (comm) "
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) stime = std::stol(field);
  }
  return utime + stime;
}

// n exchanges on a paired channel: the phone sends, the bridge answers, each arrival checked;
// `pause` after each message (none: back to back). Wrap in ASSERT_NO_FATAL_FAILURE.
void exchange(pair_t& p, int n, std::chrono::milliseconds pause = {}) {
  int code = 0;
  for (int i = 0; i < n; ++i) {
    p.phone.ws->write(asio::buffer(std::string("code?")));
    ASSERT_EQ(ws_read(*p.bridge.ws, code).value_or("<closed>"), "code?");
    std::this_thread::sleep_for(pause);
    p.bridge.ws->write(asio::buffer(std::string("123456")));
    ASSERT_EQ(ws_read(*p.phone.ws, code).value_or("<closed>"), "123456");
    std::this_thread::sleep_for(pause);
  }
}

// The relay's polling time in /metrics (relay/run_loop.hpp).
const std::string polled_caught = "relay_busy_poll_seconds_total{outcome=\"caught\"}";
const std::string polled_missed = "relay_busy_poll_seconds_total{outcome=\"missed\"}";

void expect_pair_works(int port) {
  auto p = open_pair(port, random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  p.phone.ws->write(asio::buffer(std::string("ping")));
  int code = 0;
  EXPECT_EQ(ws_read(*p.bridge.ws, code).value_or(""), "ping");
}

TEST(Relay, PairsAndForwardsBinaryBothWaysUnchanged) {
  relay_process relay;
  const auto ch = random_channel();
  auto p = open_pair(relay.port(), ch);
  ASSERT_TRUE(p.bridge.ws) << p.bridge.http_status;
  ASSERT_TRUE(p.phone.ws) << p.phone.http_status;
  EXPECT_EQ(p.bridge.subprotocol, "bridgelink.v1");
  int code = 0;
  for (std::size_t size : {std::size_t{1}, std::size_t{64}, std::size_t{1000}, std::size_t{65536}}) {
    std::string msg(size, '\0');
    for (std::size_t i = 0; i < size; ++i) msg[i] = static_cast<char>(i * 7 + size);
    p.phone.ws->write(asio::buffer(msg));
    EXPECT_EQ(ws_read(*p.bridge.ws, code).value_or("<closed>"), msg) << size;
    p.bridge.ws->write(asio::buffer(msg));
    EXPECT_EQ(ws_read(*p.phone.ws, code).value_or("<closed>"), msg) << size;
  }
  EXPECT_EQ(relay.metric("relay_paired_total"), 1);
  EXPECT_EQ(relay.metric("relay_messages_forwarded_total"), 8);
  const auto log = relay.log();
  EXPECT_NE(log.find("joined channel " + ch.substr(0, 8)), std::string::npos);
  EXPECT_EQ(log.find(ch), std::string::npos) << "the log names channels by prefix only";
}

TEST(Relay, TextFrameIsRefusedWith1007AndPartnerIsTold) {
  relay_process relay;
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  p.phone.ws->text(true);
  p.phone.ws->write(asio::buffer(std::string("{\"json\":1}")));
  int code = 0;
  EXPECT_FALSE(ws_read(*p.phone.ws, code));
  EXPECT_EQ(code, 1007);
  EXPECT_FALSE(ws_read(*p.bridge.ws, code));
  EXPECT_EQ(code, 1001);
  EXPECT_EQ(relay.metric("relay_closed_total{reason=\"text_frame\"}"), 1);
  expect_pair_works(relay.port());
}

TEST(Relay, OversizeFrameIsRefusedWith1009) {
  relay_process relay;
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  boost::beast::error_code ec;
  p.phone.ws->write(asio::buffer(std::string(65537, 'x')), ec);
  int code = 0;
  EXPECT_FALSE(ws_read(*p.phone.ws, code));
  EXPECT_EQ(code, 1009);
  EXPECT_EQ(relay.metric("relay_closed_total{reason=\"oversize\"}"), 1);
  expect_pair_works(relay.port());
}

// Fragments are forwarded as fragments (the reader gets the whole message); a ping in the middle
// of a message is answered; the 64 KiB limit counts a message's fragments together.
TEST(Relay, FragmentedMessagesArriveWholeAndTheirSizeAddsUp) {
  relay_process relay;
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  bool ponged = false;
  p.phone.ws->control_callback([&](websocket::frame_type kind, boost::beast::string_view) {
    if (kind == websocket::frame_type::pong) ponged = true;
  });
  const std::string a(20000, 'a'), b(20000, 'b'), c(100, 'c');
  p.phone.ws->write_some(false, asio::buffer(a));
  p.phone.ws->ping({});
  p.phone.ws->write_some(false, asio::buffer(b));
  p.phone.ws->write_some(true, asio::buffer(c));
  int code = 0;
  EXPECT_EQ(ws_read(*p.bridge.ws, code).value_or("<closed>"), a + b + c);
  p.bridge.ws->write(asio::buffer(std::string("ok")));
  EXPECT_EQ(ws_read(*p.phone.ws, code).value_or("<closed>"), "ok");  // reading runs the pong callback
  EXPECT_TRUE(ponged) << "the relay answers a ping with a pong";
  EXPECT_EQ(relay.metric("relay_messages_forwarded_total"), 2);
  // 3 × 30,000 bytes: each fragment is small, the message is not.
  const std::string f(30000, 'f');
  boost::beast::error_code ec;
  p.phone.ws->write_some(false, asio::buffer(f), ec);
  p.phone.ws->write_some(false, asio::buffer(f), ec);
  p.phone.ws->write_some(false, asio::buffer(f), ec);
  EXPECT_FALSE(ws_read(*p.phone.ws, code));
  EXPECT_EQ(code, 1009);
  EXPECT_EQ(relay.metric("relay_closed_total{reason=\"oversize\"}"), 1);
}

// A client's close is answered with its code, and the partner is told with 1001.
TEST(Relay, ClientCloseIsEchoedAndThePartnerTold) {
  relay_process relay;
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  boost::beast::error_code ec;
  p.phone.ws->close(websocket::close_code::normal, ec);  // returns once the relay's close came back
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(p.phone.ws->reason().code, websocket::close_code::normal);
  int code = 0;
  EXPECT_FALSE(ws_read(*p.bridge.ws, code));
  EXPECT_EQ(code, 1001);
  expect_pair_works(relay.port());
}

// Busy polling (on by default, relay/run_loop.hpp): the relay works as always, and once idle it
// sleeps again — a paired channel held open costs no CPU, at the default and at the top limit.
TEST(Relay, BusyPollingStillSleepsWhenIdle) {
  for (const std::vector<std::string>& flags : {std::vector<std::string>{}, {"--busy-poll-us", "1000"}}) {
    SCOPED_TRACE(flags.empty() ? "default" : flags[1]);
    relay_process relay(flags);
    auto p = open_pair(relay.port(), random_channel());
    ASSERT_TRUE(p.bridge.ws && p.phone.ws);
    ASSERT_NO_FATAL_FAILURE(exchange(p, 100));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const double polled_before = relay.metric_real(polled_caught);
    const long before = cpu_ticks(relay.pid());
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_LE(cpu_ticks(relay.pid()) - before, 10) << "an idle relay spins (ticks over 2 s)";
    EXPECT_LT(relay.metric_real(polled_caught) - polled_before, 0.01) << "sleeping counted as polling";
  }
  const char* other = std::getenv("EIMZA_RELAY_UNDER_TEST");
  int rc = 0;
  (void)run_capture(std::string(other && *other ? other : EIMZA_RELAY) +
                        " --plain-http --port 0 --metrics-port 0 --busy-poll-us 5000",
                    rc);
  EXPECT_NE(rc, 0) << "--busy-poll-us over 1000 is refused";
}

// Sparse messages (one every 10 ms: a person's session, not a benchmark) do not keep the relay
// polling after each one: the window shrinks to nothing (relay/poll_window.hpp). Polling the full
// 1 ms after each of these 400 forwards would cost 400 ms of CPU.
TEST(Relay, SparseMessagesDoNotKeepItPolling) {
  relay_process relay({"--busy-poll-us", "1000"});
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  const long before = cpu_ticks(relay.pid());
  ASSERT_NO_FATAL_FAILURE(exchange(p, 200, std::chrono::milliseconds(5)));
  EXPECT_LE(cpu_ticks(relay.pid()) - before, 12) << "ticks of relay CPU for 400 sparse messages";
  EXPECT_LT(relay.metric_real(polled_missed), 0.1)
      << "seconds polled for nothing (a fixed 1 ms window: 0.4 s)";
}

// What polling costs and saves is in /metrics (how much depends on timing: an exchange may also
// keep the relay busy without an idle spell at all); with --busy-poll-us 0 the relay never polls.
// That sleeping is not counted as polling: BusyPollingStillSleepsWhenIdle; that sparse traffic
// polls little: SparseMessagesDoNotKeepItPolling.
TEST(Relay, PollingTimeIsInTheMetrics) {
  for (const char* limit : {"1000", "0"}) {
    SCOPED_TRACE(limit);
    relay_process relay({"--busy-poll-us", limit});
    auto p = open_pair(relay.port(), random_channel());
    ASSERT_TRUE(p.bridge.ws && p.phone.ws);
    ASSERT_NO_FATAL_FAILURE(exchange(p, 300));
    const double caught = relay.metric_real(polled_caught);
    const double missed = relay.metric_real(polled_missed);
    EXPECT_GE(caught, 0.0) << "in /metrics";
    EXPECT_GE(missed, 0.0) << "in /metrics";
    if (std::string(limit) == "0") {
      EXPECT_EQ(caught, 0.0);
      EXPECT_EQ(missed, 0.0);
    }
  }
}

TEST(Relay, BadPathsAndPeersGetTheRightStatus) {
  relay_process relay;
  EXPECT_EQ(ws_connect(relay.port(), "/v1/other/" + random_channel()).http_status, 404);
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/XYZ").http_status, 400);
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + std::string(32, 'A')).http_status, 400)
      << "lower-case hex only";
  EXPECT_EQ(ws_connect(relay.port(), "/v1/connect/" + random_channel()).http_status, 404)
      << "no such channel";
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel(), "").http_status, 400)
      << "subprotocol required";
  const auto ch = random_channel();
  auto p = open_pair(relay.port(), ch);
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  EXPECT_EQ(ws_connect(relay.port(), "/v1/connect/" + ch).http_status, 409) << "a second phone";
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + ch).http_status, 409) << "a second bridge";
  EXPECT_EQ(relay.get("/v1/new/" + random_channel()).first, 426);
  EXPECT_EQ(relay.get("/../../etc/passwd").first, 404);
  EXPECT_EQ(relay.get("/healthz").first, 200);
  EXPECT_GE(relay.metric("relay_rejected_total{reason=\"busy\"}"), 2);
  expect_pair_works(relay.port());
}

TEST(Relay, SlowlorisHeadersAreCutOff) {
  relay_process relay({"--header-timeout", "1"});
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(relay.port()));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  const std::string partial = "GET /v1/new/" + random_channel() + " HTTP/1.1\r\nHost: x\r\n";
  ASSERT_GT(::send(fd, partial.data(), partial.size(), 0), 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[16];
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_LE(::recv(fd, buf, sizeof buf, 0), 0)
      << "the relay closes a connection that never finishes its headers";
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(4));
  ::close(fd);
  expect_pair_works(relay.port());
}

TEST(Relay, PeerThatNeverReadsIsClosedAndMemoryStaysBounded) {
  relay_process relay({"--write-timeout", "2"});
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  const long rss_before = rss_kib(relay.pid());
  // The phone never reads. The bridge pushes 64 MiB; the relay must stop reading from it
  // (backpressure) and then close the phone, not buffer everything.
  const std::string chunk(16 * 1024, 'z');
  boost::beast::error_code ec;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    boost::beast::get_lowest_layer(*p.bridge.ws).expires_after(std::chrono::seconds(20));
    for (int i = 0; i < 4096 && !ec; ++i) p.bridge.ws->write(asio::buffer(chunk), ec);
    done = true;
  });
  long peak = 0;
  for (int i = 0; i < 60 && !done; ++i) {
    peak = std::max(peak, rss_kib(relay.pid()));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  writer.join();
  int code = 0;
  EXPECT_FALSE(ws_read(*p.bridge.ws, code)) << "the relay ends the channel";
  EXPECT_EQ(code, 1001);
  EXPECT_LT(peak - rss_before, 16 * 1024) << "relay memory grew by " << (peak - rss_before) << " KiB";
  EXPECT_EQ(relay.metric("relay_closed_total{reason=\"slow_peer\"}"), 1);
  expect_pair_works(relay.port());
}

TEST(Relay, BulkStreamKeepsItsOutputBufferOnlyUntilQuietForASecond) {
  relay_process relay;
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  int code = 0;
  // Small messages: nothing is kept once written (an idle session holds no buffer).
  p.phone.ws->write(asio::buffer(std::string("hello")));
  ASSERT_EQ(ws_read(*p.bridge.ws, code).value_or(""), "hello");
  EXPECT_EQ(relay.metric("relay_output_buffer_bytes"), 0);
  // A bulk stream, 8 MiB in the largest messages: its buffer stays between writes (freed and
  // grown again for each, it cost page faults every time: B3 bulk 1.0 GB/s, 1.8 with it kept)...
  const std::string chunk(64 * 1024, 'b');
  std::thread writer([&] {
    for (int i = 0; i < 128; ++i) p.phone.ws->write(asio::buffer(chunk));
  });
  std::size_t got = 0;
  for (int i = 0; i < 128; ++i) got += ws_read(*p.bridge.ws, code).value_or("").size();
  writer.join();
  const auto ended = std::chrono::steady_clock::now();
  EXPECT_EQ(got, 128 * chunk.size());
  long held = relay.metric("relay_output_buffer_bytes");
  if (std::chrono::steady_clock::now() - ended < std::chrono::milliseconds(900)) {
    EXPECT_GE(held, 64 * 1024) << "kept for the next burst";
  }
  // ... and is freed once nothing was written for a second (the sweep, about once a second).
  for (int i = 0; i < 40 && held != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    held = relay.metric("relay_output_buffer_bytes");
  }
  EXPECT_EQ(held, 0) << "a quiet peer holds no output buffer";
  p.bridge.ws->write(asio::buffer(std::string("still paired")));
  EXPECT_EQ(ws_read(*p.phone.ws, code).value_or(""), "still paired");
}

TEST(Relay, PerAddressLimit) {
  relay_process relay({"--channels-per-ip", "4"});
  std::vector<ws_result> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(ws_connect(relay.port(), "/v1/new/" + random_channel()));
    ASSERT_TRUE(open.back().ws);
  }
  EXPECT_EQ(ws_connect(relay.port(), "/v1/new/" + random_channel()).http_status, 429);
  open.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(ws_connect(relay.port(), "/v1/new/" + random_channel()).ws) << "slots come back";
}

TEST(Relay, ChannelTtlEndsBothPeers) {
  relay_process relay({"--channel-ttl", "1"});
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  int code = 0;
  EXPECT_FALSE(ws_read(*p.phone.ws, code));
  EXPECT_EQ(code, 1001);
  EXPECT_FALSE(ws_read(*p.bridge.ws, code));
  EXPECT_EQ(relay.metric("relay_closed_total{reason=\"ttl\"}"), 1);
}

TEST(Relay, StaticFilesWithCspMimeAndImmutableVersionedAssets) {
  const auto dir = std::filesystem::temp_directory_path() / ("eimza-static-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html><title>x</title>";
  std::ofstream(dir / "assets" / "app.3f9a1c2e.js") << "export {};";
  relay_process relay({"--static", dir.string()});
  std::string h;
  auto [st, body] = relay.get("/c", &h);
  EXPECT_EQ(st, 200);
  EXPECT_NE(h.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(h.find("Content-Security-Policy: default-src 'none'"), std::string::npos);
  EXPECT_NE(h.find("Cache-Control: no-cache"), std::string::npos);
  EXPECT_NE(h.find("X-Content-Type-Options: nosniff"), std::string::npos);
  auto [st2, body2] = relay.get("/assets/app.3f9a1c2e.js", &h);
  EXPECT_EQ(st2, 200);
  EXPECT_NE(h.find("text/javascript"), std::string::npos);
  EXPECT_NE(h.find("immutable"), std::string::npos);
  EXPECT_EQ(relay.get("/assets/.hidden").first, 404);
  EXPECT_EQ(relay.get("/assets/missing.js").first, 404);
  std::filesystem::remove_all(dir);
}

TEST(Relay, SigtermClosesPeersWith1001AndExits) {
  if (const char* other = std::getenv("EIMZA_RELAY_UNDER_TEST"); other && *other)
    GTEST_SKIP() << "SIGTERM is POSIX's: the Windows relay ends on Ctrl-C or a service stop, which "
                    "cannot be sent to it under wine from here (docs/windows.md)";
  relay_process relay;
  auto p = open_pair(relay.port(), random_channel());
  ASSERT_TRUE(p.bridge.ws && p.phone.ws);
  ::kill(relay.pid(), SIGTERM);
  int code = 0;
  EXPECT_FALSE(ws_read(*p.phone.ws, code));
  EXPECT_EQ(code, 1001);
  EXPECT_EQ(relay.process().wait(std::chrono::seconds(8)), 0);
}

}  // namespace
