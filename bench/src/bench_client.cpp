// The one load client of bench/: every server under test sees the same client.
//   bench_client <b1|b2|b3|b4|b7> --server ours|node|transit --port P [options] --out FILE.json
//   bench_client floor --port P          (TCP echo: the loopback floor)
//   bench_client b5 --bridge PATH        (bridge footprint)
//   bench_client b6                      (handshake/message cost vs libsodium primitives)
// Each prints one summary line and writes a JSON object.
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "bridgelink/cbor.hpp"
#include "bridgelink/frame.hpp"
#include "bridgelink/link_handshake.hpp"
#include "pipes.hpp"
#include "session.hpp"
#include "stats.hpp"

namespace {
namespace bl = bridgelink;
namespace json = boost::json;
namespace asio = boost::asio;
using namespace bench;

struct args {
  std::map<std::string, std::string> kv;
  std::string get(const std::string& k, const std::string& d = "") const {
    auto it = kv.find(k);
    return it == kv.end() ? d : it->second;
  }
  long num(const std::string& k, long d) const { return kv.count(k) ? std::stol(kv.at(k)) : d; }
};

target target_of(const args& a) {
  target t;
  t.kind = parse_kind(a.get("server", "ours"));
  t.port = static_cast<unsigned short>(a.num("port", 0));
  return t;
}

long rss_kb(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// CPU time the process has used so far, in ns (/proc/<pid>/schedstat: time on a CPU); -1 unknown.
double cpu_ns(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/schedstat");
  double ns = -1;
  return pid > 0 && (in >> ns) ? ns : -1;
}

// The kernel's memory for the server's side of its connections (`ss -m`: receive and send queues,
// forward allocations and queued writes of every socket on the server's port), and how many.
std::pair<long, long> kernel_socket_bytes(unsigned short port) {
  const auto cmd = "ss -tmnH state established '( sport = :" + std::to_string(port) + " )' 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return {-1, 0};
  long total = 0, sockets = 0;
  char line[1024];
  while (std::fgets(line, sizeof line, p)) {
    const char* m = std::strstr(line, "skmem:(");
    if (!m) continue;
    long r = 0, rb = 0, t = 0, tb = 0, f = 0, w = 0;
    if (std::sscanf(m, "skmem:(r%ld,rb%ld,t%ld,tb%ld,f%ld,w%ld", &r, &rb, &t, &tb, &f, &w) == 6) {
      total += r + t + f + w;
      ++sockets;
    }
  }
  ::pclose(p);
  return {total, sockets};
}

bl::bytes filled(std::size_t n, std::uint8_t seed) {
  bl::bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + i);
  return b;
}

// ---- B1: pairing through the relay, Noise handshake included -----------------------------
json::object b1(const args& a) {
  connector c(target_of(a));
  const auto key = bl::noise::keypair::generate();
  samples s;
  const long n = a.num("count", 2000);
  for (long i = 0; i < n; ++i) {
    const auto qr = make_qr(key);  // shown before the clock starts
    const auto t0 = clock_type::now();
    auto p = c.open_pair(qr.channel_hex);
    (void)pair(p, key, qr);
    s.add(micros_since(t0));
    p.phone->close();
    p.bridge->close();
  }
  return {{"pairing", s.summary()}};
}

// ---- B2: encrypted round trip ------------------------------------------------------------
json::object b2(const args& a) {
  connector c(target_of(a));
  const auto key = bl::noise::keypair::generate();
  const auto qr = make_qr(key);
  auto p = c.open_pair(qr.channel_hex);
  auto s = pair(p, key, qr);
  json::object out;
  const long n = a.num("count", 5000);
  const long pid = a.num("pid", 0);  // the server's: its CPU per round trip (what polling costs)
  for (std::size_t size : {std::size_t(64), std::size_t(1024)}) {
    const auto data = filled(size, 7);
    samples rt;
    double cpu_before = 0;
    for (long i = -200; i < n; ++i) {  // 200 warm-up round trips
      if (i == 0) cpu_before = cpu_ns(pid);
      const auto t0 = clock_type::now();
      p.phone->send(must(s.phone->send(payload_message(data)), "send"));
      auto m = must(s.bridge->receive(p.bridge->receive()), "bridge receive");
      p.bridge->send(must(s.bridge->send(payload_message(data)), "reply"));
      auto r = must(s.phone->receive(p.phone->receive()), "phone receive");
      if (i >= 0) rt.add(micros_since(t0));
      if (!m || !r || payload_of(*r) != data) throw std::runtime_error("round trip corrupted");
    }
    auto summary = rt.summary();
    if (const double after = cpu_ns(pid); cpu_before >= 0 && after >= 0)
      summary["server_cpu_us_per_rt"] = (after - cpu_before) / 1000.0 / static_cast<double>(n);
    out[size == 64 ? "rt_64" : "rt_1024"] = std::move(summary);
  }
  return out;
}

// The loopback floor: one TCP hop to an echo server, 64-byte messages.
json::object floor_rt(const args& a) {
  asio::io_context io;
  asio::ip::tcp::socket sock(io);
  sock.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(a.num("port", 0))});
  sock.set_option(asio::ip::tcp::no_delay(true));
  samples rt;
  std::uint8_t buf[64] = {1};
  for (long i = -200; i < a.num("count", 5000); ++i) {
    const auto t0 = clock_type::now();
    asio::write(sock, asio::buffer(buf));
    asio::read(sock, asio::buffer(buf));
    if (i >= 0) rt.add(micros_since(t0));
  }
  return {{"rt_64", rt.summary()}};
}

// ---- B3: forwarded messages per second, raw frames built once ----------------------------
// WebSocket: client frames must be masked; a fixed key is applied once when the buffer is built.
bl::bytes ws_frames(std::size_t payload, std::size_t count) {
  bl::bytes out;
  const std::uint8_t mask[4] = {0x12, 0x34, 0x56, 0x78};
  for (std::size_t k = 0; k < count; ++k) {
    out.push_back(0x82);
    if (payload < 126) {
      out.push_back(static_cast<std::uint8_t>(0x80 | payload));
    } else {
      out.push_back(0x80 | 126);
      out.push_back(static_cast<std::uint8_t>(payload >> 8));
      out.push_back(static_cast<std::uint8_t>(payload));
    }
    out.insert(out.end(), mask, mask + 4);
    for (std::size_t i = 0; i < payload; ++i)
      out.push_back(static_cast<std::uint8_t>((i & 0xff) ^ mask[i % 4]));
  }
  return out;
}

bl::bytes u32_frames(std::size_t payload, std::size_t count) {
  bl::bytes out;
  for (std::size_t k = 0; k < count; ++k) {
    for (int sh : {24, 16, 8, 0}) out.push_back(static_cast<std::uint8_t>(payload >> sh));
    for (std::size_t i = 0; i < payload; ++i) out.push_back(static_cast<std::uint8_t>(i));
  }
  return out;
}

// Counts complete messages in a byte stream (server WebSocket frames or u32 frames). A server
// may fragment a message (Beast does, by default): only a frame with FIN ends a message.
struct frame_counter {
  explicit frame_counter(bool websocket) : ws(websocket) {}
  bool ws;
  std::uint64_t messages = 0, payload_bytes = 0;
  std::uint64_t need = 0;  // bytes left of the current payload
  bool fin = true;         // the current frame ends a message
  bl::bytes head;
  void feed(const std::uint8_t* p, std::size_t n) {
    while (n) {
      if (need) {
        const auto take = std::min<std::uint64_t>(need, n);
        need -= take, p += take, n -= take;
        if (!need && fin) ++messages;
        continue;
      }
      head.push_back(*p++), --n;
      std::uint64_t len = 0;
      if (ws) {
        if (head.size() < 2) continue;
        const std::size_t l7 = head[1] & 0x7f;
        const std::size_t hl = l7 < 126 ? 2 : l7 == 126 ? 4 : 10;
        if (head.size() < hl) continue;
        fin = (head[0] & 0x80) != 0;
        len = l7 < 126 ? l7 : l7 == 126 ? (std::uint64_t(head[2]) << 8 | head[3]) : 0;
        if (l7 == 127)
          for (int i = 2; i < 10; ++i) len = len << 8 | head[static_cast<std::size_t>(i)];
      } else {
        if (head.size() < 4) continue;
        len = std::uint64_t(head[0]) << 24 | std::uint64_t(head[1]) << 16 | std::uint64_t(head[2]) << 8 |
              head[3];
      }
      head.clear();
      payload_bytes += len;
      need = len;
      if (!need && fin) ++messages;
    }
  }
};

json::object b3(const args& a) {
  const auto t = target_of(a);
  const std::size_t size = static_cast<std::size_t>(a.num("size", 64));
  const long pairs = a.num("pairs", 4);
  const std::uint64_t per_pair = static_cast<std::uint64_t>(a.num("messages", 200000));
  const std::size_t batch = std::max<std::size_t>(1, std::min<std::size_t>(256, (64 * 1024) / (size + 14)));
  connector c(t);
  std::vector<pipe_pair> ps;
  for (long i = 0; i < pairs; ++i) ps.push_back(c.open_pair(random_channel()));
  const bool ws = t.kind != server_kind::transit;
  const auto frames = ws ? ws_frames(size, batch) : u32_frames(size, batch);
  std::atomic<std::uint64_t> total_msgs{0}, total_bytes{0};
  const auto t0 = clock_type::now();
  std::vector<std::thread> threads;
  for (auto& p : ps) {
    threads.emplace_back([&, s = &p.phone->socket()] {
      for (std::uint64_t sent = 0; sent < per_pair; sent += batch) asio::write(*s, asio::buffer(frames));
    });
    threads.emplace_back([&, s = &p.bridge->socket()] {
      frame_counter fc(ws);
      std::vector<std::uint8_t> buf(256 * 1024);
      const std::uint64_t want = (per_pair + batch - 1) / batch * batch;
      while (fc.messages < want) {
        boost::system::error_code ec;
        const auto n = s->read_some(asio::buffer(buf), ec);
        if (ec) break;
        fc.feed(buf.data(), n);
      }
      total_msgs += fc.messages;
      total_bytes += fc.payload_bytes;
    });
  }
  for (auto& th : threads) th.join();
  const double secs = micros_since(t0) / 1e6;
  return {{"size", size},
          {"pairs", pairs},
          {"messages", total_msgs.load()},
          {"seconds", secs},
          {"msgs_per_s", static_cast<double>(total_msgs.load()) / secs},
          {"payload_bytes_per_s", static_cast<double>(total_bytes.load()) / secs}};
}

// ---- B4: idle paired sessions: memory per session and set-up rate ------------------------
json::object b4(const args& a) {
  const auto t = target_of(a);
  const long n = a.num("sessions", 9000);
  const long pid = a.num("pid", 0);
  // Several set-ups in flight (blocking clients on threads of their own), so that the rate is
  // the server's, not one client's round trips.
  const long parallel = std::max(1L, a.num("parallel", 8));
  std::vector<std::unique_ptr<connector>> cs;
  for (long k = 0; k < parallel; ++k) cs.push_back(std::make_unique<connector>(t));
  std::vector<std::vector<pipe_pair>> ps(static_cast<std::size_t>(parallel));
  const long before = rss_kb(pid);
  const auto t0 = clock_type::now();
  std::vector<std::thread> threads;
  std::atomic<bool> failed{false};
  for (long k = 0; k < parallel; ++k) {
    threads.emplace_back([&, k] {
      try {
        for (long i = k; i < n; i += parallel) {
          // 25 sessions (50 sockets) per source address, like distinct phones and desktops.
          const long idx = i / 25;
          const std::string src = "127.1." + std::to_string(idx / 250) + "." + std::to_string(idx % 250 + 1);
          auto& mine = ps[static_cast<std::size_t>(k)];
          mine.push_back(cs[static_cast<std::size_t>(k)]->open_pair(random_channel(), src));
          // One message each way proves the pair is glued (as a paired session would have done).
          if (i % 100 == 0) {
            const std::uint8_t b[8] = {1, 2, 3};
            mine.back().phone->send(bl::byte_view(b, 8));
            (void)mine.back().bridge->receive();
          }
        }
      } catch (const std::exception& e) {
        std::cerr << "b4: " << e.what() << "\n";
        failed = true;
      }
    });
  }
  for (auto& th : threads) th.join();
  if (failed) throw std::runtime_error("b4: a set-up failed");
  const double setup_s = micros_since(t0) / 1e6;
  std::this_thread::sleep_for(std::chrono::seconds(2));  // let the server settle
  const long after = rss_kb(pid);
  const auto [kernel_bytes, kernel_sockets] = kernel_socket_bytes(t.port);
  for (auto& mine : ps)
    for (auto& p : mine) p.phone->close(), p.bridge->close();
  return {{"sessions", n},
          {"parallel", parallel},
          {"setup_seconds", setup_s},
          {"setups_per_s", static_cast<double>(n) / setup_s},
          {"rss_before_kb", before},
          {"rss_after_kb", after},
          {"bytes_per_session", static_cast<double>(after - before) * 1024.0 / static_cast<double>(n)},
          {"kernel_sockets", kernel_sockets},
          {"kernel_bytes_per_session", static_cast<double>(kernel_bytes) / static_cast<double>(n)}};
}

// ---- B5: the bridge's footprint -----------------------------------------------------------
json::object b5(const args& a) {
  const auto bridge = a.get("bridge");
  samples start_to_qr;
  long max_rss_kb = 0;
  for (int i = 0; i < a.num("count", 20); ++i) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    const auto t0 = clock_type::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(fds[1], 1);
      ::close(fds[0]);
      ::execl(bridge.c_str(), bridge.c_str(), "selfcheck", "--no-selfcheck", "--lang", "en",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    bool seen = false;
    for (ssize_t r; (r = ::read(fds[0], buf, sizeof buf)) > 0;) {
      out.append(buf, static_cast<std::size_t>(r));
      if (!seen && out.find("\xe2\x96\x88") != std::string::npos) {  // the first QR block
        start_to_qr.add(micros_since(t0));
        seen = true;
      }
    }
    ::close(fds[0]);
    int status = 0;
    rusage ru{};
    ::wait4(pid, &status, 0, &ru);
    max_rss_kb = std::max(max_rss_kb, ru.ru_maxrss);
    if (!seen) throw std::runtime_error("the bridge showed no QR");
  }
  // Stripped size of a copy.
  const std::string copy = "/tmp/bench-bridge-stripped";
  std::ifstream src(bridge, std::ios::binary);
  std::ofstream(copy, std::ios::binary) << src.rdbuf();
  if (std::system(("strip --strip-unneeded " + copy).c_str()) != 0) throw std::runtime_error("strip");
  struct stat st {};
  ::stat(copy.c_str(), &st);
  std::remove(copy.c_str());
  return {{"start_to_qr", start_to_qr.summary()},
          {"peak_rss_kb", max_rss_kb},
          {"stripped_bytes", static_cast<std::int64_t>(st.st_size)}};
}

// ---- B6: what our protocol costs on top of the primitives ---------------------------------
template <class F>
double per_op_us(long n, F f) {
  for (long i = 0; i < n / 10; ++i) f();
  const auto t0 = clock_type::now();
  for (long i = 0; i < n; ++i) f();
  return micros_since(t0) / static_cast<double>(n);
}

// µs per call of each loop, the loops timed in turns: `rounds` rounds of n / rounds calls each
// (after n / 10 of each to warm up), so a change of the host's speed during the run (a shared
// VM's neighbours, the clock) moves every loop alike and their ratios hold.
template <class... F>
std::array<double, sizeof...(F)> per_op_us_in_turns(long n, int rounds, F&... loops) {
  auto warm = [&](auto& f) {
    for (long i = 0; i < n / 10; ++i) f();
  };
  (warm(loops), ...);
  const long per_round = n / rounds;
  std::array<double, sizeof...(F)> us{};
  for (int r = 0; r < rounds; ++r) {
    std::size_t i = 0;
    auto time = [&](auto& f) {
      const auto t0 = clock_type::now();
      for (long k = 0; k < per_round; ++k) f();
      us[i++] += micros_since(t0);
    };
    (time(loops), ...);
  }
  for (auto& u : us) u /= static_cast<double>(per_round * rounds);
  return us;
}

// The B6 loop's messages, [type, seq, ack, body] (messages.hpp), written from views of the
// caller's memory: what a message layer with this wire format writes, with no message objects.
template <class Writer>
void write_step_response(Writer& w, std::uint64_t seq, std::uint64_t ack, bl::byte_view id, bl::byte_view d) {
  w.array(4), w.uint(static_cast<std::uint8_t>(bl::message_type::step_response)), w.uint(seq), w.uint(ack);
  w.map(2), w.uint(0), w.bytes(id), w.uint(1);
  w.map(1), w.text("d"), w.bytes(d);
}
template <class Writer>
void write_ack(Writer& w, std::uint64_t ack) {
  w.array(4), w.uint(static_cast<std::uint8_t>(bl::message_type::ack)), w.uint(0), w.uint(ack), w.map(0);
}

// The floor of any message layer with BridgeLink's wire format, measured on the B6 loop: each
// message encoded into its padded frame from views (two passes, as messages.cpp does), sealed in
// place, its plaintext kept for resending in a fixed ring (no allocation), opened into one reused
// buffer, unpadded and parsed with its structure, lengths and sequence checked but nothing copied
// (fields are views, dropped at once), both plaintexts wiped; an ack every 16 messages empties the ring. No
// message objects, no fields vectors, no owned values: a view API's best case.
class wire_floor {
 public:
  wire_floor() {
    const std::uint8_t key_ab[32] = {1}, key_ba[32] = {2};
    seal_a_ = bl::noise::cipher_state(bl::byte_view(key_ab, 32)), open_b_ = seal_a_;
    seal_b_ = bl::noise::cipher_state(bl::byte_view(key_ba, 32)), open_a_ = seal_b_;
  }
  wire_floor(const wire_floor&) = delete;
  ~wire_floor() {
    for (auto& slot : ring_) sodium_memzero(slot, slot_size);
  }
  /// One message (and every 16th an ack back).
  void operator()() {
    ++seq_;
    auto frame = frame_of([&](auto& w) { write_step_response(w, seq_, received_, id_, data_); });
    if (queued_ == slots || frame.size() > slot_size) throw std::runtime_error("wire floor: ring full");
    const auto slot = (head_ + queued_) % slots;
    std::memcpy(ring_[slot], frame.data(), frame.size());
    ring_seq_[slot] = seq_, ++queued_;
    failures_ += !seal_a_.encrypt_in_place({}, frame);
    failures_ += !open(open_b_, frame);
    if (++k_ % 16 == 0) {
      auto ack = frame_of([&](auto& w) { write_ack(w, received_); });
      failures_ += !seal_b_.encrypt_in_place({}, ack);
      failures_ += !open(open_a_, ack);
    }
  }
  [[nodiscard]] int failures() const noexcept { return failures_; }

 private:
  static constexpr std::size_t slots = bl::limits::outbox_messages_max, slot_size = 128;
  // Opens one frame; a data message is parsed and its seq taken, an ack empties the ring.
  bool open(bl::noise::cipher_state& c, const bl::bytes& frame) {
    plain_.wipe();
    if (!c.decrypt_with_ad({}, frame, plain_)) return false;
    auto body = bl::unpad_frame(plain_.view());
    if (!body) return false;
    bl::cbor::reader r(*body);
    auto n_items = r.array(4);
    auto type = r.uint(), s = r.uint(), ack = r.uint();
    bool ok = n_items && *n_items == 4 && type && s && ack;
    if (ok && *type == static_cast<std::uint8_t>(bl::message_type::step_response)) {
      auto m = r.map(bl::limits::fields_max);
      auto id_key = r.uint();
      auto step = r.bytes(bl::limits::step_id_len);
      auto fields_key = r.uint();
      auto fs = r.map(bl::limits::fields_max);
      auto key = r.text(bl::limits::field_key_max);
      auto value = r.bytes(bl::limits::field_bytes_max);
      ok = m && *m == 2 && id_key && *id_key == 0 && step && step->size() == bl::limits::step_id_len &&
           fields_key && *fields_key == 1 && fs && *fs == 1 && key && *key == "d" && value &&
           *s == received_ + 1;
      if (ok) received_ = *s;
    } else if (ok) {
      auto m = r.map(0);
      ok = m && *m == 0;
      while (ok && queued_ > 0 && ring_seq_[head_] <= *ack) {
        sodium_memzero(ring_[head_], slot_size);
        head_ = (head_ + 1) % slots, --queued_;
      }
    }
    ok = ok && r.at_end();
    plain_.wipe();
    return ok;
  }
  // Encodes with `write` into a new padded frame, room for the tag after it.
  template <class Write>
  static bl::bytes frame_of(Write write) {
    bl::cbor::span_writer count;
    write(count);
    bl::bytes frame;
    frame.reserve(bl::padded_size(count.size()) + bl::noise::tag_len);
    frame.resize(bl::padded_size(count.size()));
    bl::cbor::span_writer w(frame.data() + 2);
    write(w);
    frame[0] = static_cast<std::uint8_t>(count.size() >> 8),
    frame[1] = static_cast<std::uint8_t>(count.size());
    return frame;
  }
  bl::noise::cipher_state seal_a_, open_b_, seal_b_, open_a_;
  const bl::bytes data_ = filled(64, 3), id_ = filled(bl::limits::step_id_len, 7);
  std::uint8_t ring_[slots][slot_size]{};
  std::uint64_t ring_seq_[slots]{};
  std::size_t head_ = 0, queued_ = 0;
  std::uint64_t seq_ = 0, received_ = 0;
  bl::secret_bytes plain_;
  long k_ = 0;
  int failures_ = 0;
};

json::object b6(const args& a) {
  const long n = a.num("count", 2000);
  const long n_messages = a.num("messages", n * 10);  // --count 10 --messages 2000000: to profile messages
  const auto key = bl::noise::keypair::generate();
  const auto qr = make_qr(key);
  // Our full pairing, both ends in memory (no I/O).
  const double handshake = per_op_us(n, [&] {
    auto ph = must(bl::link_handshake::pairing_initiator(qr.payload), "i");
    auto br = must(bl::link_handshake::pairing_responder(key, qr.payload), "r");
    (void)must(br.read(must(ph.write(bl::make_hello({"bench", "1", "tr", false})), "w1")), "r1");
    (void)must(ph.read(must(br.write(bl::make_ready({"bench", "activation"})), "w2")), "r2");
    (void)must(ph.finish(), "f1");
    (void)must(br.finish(), "f2");
  });
  // The primitives a NKpsk0 pairing cannot avoid: 2 ephemeral keys, 4 X25519, 4 AEAD (the
  // two handshake payloads, sealed and opened), and the BLAKE2b calls of Noise's
  // MixHash/HKDF (both ends: 16 MixHash, 8 HKDF × 3 HMAC × 2) plus our 4 derivations.
  std::uint8_t sk[32], pk[32], out[32], h[64], ct[256 + 16], msg[128] = {0}, k[32] = {1}, nonce[12] = {0};
  randombytes_buf(sk, 32);
  crypto_scalarmult_base(pk, sk);
  const double base = per_op_us(n, [&] { crypto_scalarmult_base(out, sk); });
  int failures = 0;
  const double dh = per_op_us(n, [&] { failures += crypto_scalarmult(out, sk, pk); });
  unsigned long long clen = 0, mlen = 0;
  const double aead128 = per_op_us(n * 10, [&] {
    crypto_aead_chacha20poly1305_ietf_encrypt(ct, &clen, msg, 128, nullptr, 0, nullptr, nonce, k);
  });
  const double blake = per_op_us(n * 10, [&] { crypto_generichash(h, 64, msg, 128, k, 32); });
  const double primitives = 2 * base + 4 * dh + 4 * aead128 + (16 + 48 + 4) * blake;
  // Per message: our secure channel (CBOR, padding to 128 B, seq/ack) vs seal + open of the
  // same 128-byte frame. Messages as views (message_view.hpp): encoded from the sender's memory
  // into the frame, read where they were decrypted; and as owned messages (each field's value
  // copied into wiping storage by the sender, and again by the receiver).
  auto pair_keys = [&] {
    auto ph = must(bl::link_handshake::pairing_initiator(qr.payload), "i");
    auto br = must(bl::link_handshake::pairing_responder(key, qr.payload), "r");
    (void)must(br.read(must(ph.write(bl::make_hello({"bench", "1", "tr", false})), "w1")), "r1");
    (void)must(ph.read(must(br.write(bl::make_ready({"bench", "activation"})), "w2")), "r2");
    return std::pair{must(ph.finish(), "f1").keys, must(br.finish(), "f2").keys};
  };
  const auto data = filled(64, 3), id = filled(bl::limits::step_id_len, 7);
  bl::step_id step{};
  std::copy(id.begin(), id.end(), step.begin());
  const bl::field_view payload[] = {{"d", bl::value_view::of_bytes(data)}};
  const bl::message_view response{bl::message_type::step_response, 0, 0,
                                  bl::step_response_view{step, payload}},
      ack_view{bl::message_type::ack};
  auto keys = pair_keys();
  bl::secure_channel view_a(std::move(keys.first)), view_b(std::move(keys.second));
  long k_views = 0;
  auto view_loop = [&] {
    auto sealed = must(view_a.send(response), "send");
    auto got = must(view_b.receive_view(sealed), "receive");
    failures += !got || (*got)->type != bl::message_type::step_response;
    if (++k_views % 16 == 0) (void)must(view_a.receive_view(must(view_b.send(ack_view), "ack")), "ack in");
  };
  keys = pair_keys();
  bl::secure_channel owned_a(std::move(keys.first)), owned_b(std::move(keys.second));
  long k_owned = 0;
  auto owned_loop = [&] {
    auto sealed = must(owned_a.send(payload_message(data)), "send");
    (void)must(owned_b.receive(sealed), "receive");
    if (++k_owned % 16 == 0) (void)must(owned_a.receive(must(owned_b.send(bl::make_ack()), "ack")), "ack in");
  };
  auto raw_loop = [&] {
    crypto_aead_chacha20poly1305_ietf_encrypt(ct, &clen, msg, 128, nullptr, 0, nullptr, nonce, k);
    failures +=
        crypto_aead_chacha20poly1305_ietf_decrypt(msg, &mlen, nullptr, ct, clen, nullptr, 0, nonce, k);
  };
  // The floor of any secure channel that owns its buffers: the same seal + open, plus what no
  // message layer avoids — a new ciphertext buffer per message, the plaintexts wiped, and the
  // acknowledgement's own seal + open every 16 messages — with no message work at all.
  std::uint8_t plain[128] = {0}, opened[128];
  long k_floor = 0;
  auto channel_floor_loop = [&] {
    std::vector<std::uint8_t> sealed(128 + 16);
    crypto_aead_chacha20poly1305_ietf_encrypt(sealed.data(), &clen, plain, 128, nullptr, 0, nullptr, nonce,
                                              k);
    sodium_memzero(plain, sizeof plain);
    failures += crypto_aead_chacha20poly1305_ietf_decrypt(opened, &mlen, nullptr, sealed.data(), clen,
                                                          nullptr, 0, nonce, k);
    sodium_memzero(opened, sizeof opened);
    if (++k_floor % 16 == 0) {
      crypto_aead_chacha20poly1305_ietf_encrypt(ct, &clen, msg, 64, nullptr, 0, nullptr, nonce, k);
      failures +=
          crypto_aead_chacha20poly1305_ietf_decrypt(msg, &mlen, nullptr, ct, clen, nullptr, 0, nonce, k);
    }
  };
  wire_floor wire_loop;
  const auto [per_message, per_owned_message, raw_message, floor_message, wire_floor_message] =
      per_op_us_in_turns(n_messages, 20, view_loop, owned_loop, raw_loop, channel_floor_loop, wire_loop);
  failures += wire_loop.failures();
  if (failures != 0) throw std::runtime_error("a primitive failed");
  return {{"handshake_us", handshake},
          {"primitives_us", primitives},
          {"handshake_ratio", handshake / primitives},
          {"x25519_us", dh},
          {"message_us", per_message},
          {"raw_seal_open_128_us", raw_message},
          {"message_ratio", per_message / raw_message},
          {"owned_message_us", per_owned_message},
          {"owned_message_ratio", per_owned_message / raw_message},
          {"channel_floor_us", floor_message},
          {"channel_floor_ratio", floor_message / raw_message},
          {"wire_floor_us", wire_floor_message},
          {"wire_floor_ratio", wire_floor_message / raw_message}};
}

// ---- B7: pairings with one injected fault each, and the "nothing lost" oracle -------------
struct relay_process {
  std::vector<std::string> argv;
  pid_t pid = -1;
  void start() {
    pid = ::fork();
    if (pid == 0) {
      std::vector<char*> v;
      for (auto& s : argv) v.push_back(s.data());
      v.push_back(nullptr);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1), ::dup2(null, 2);
      ::execv(v[0], v.data());
      ::_exit(127);
    }
  }
  void stop() {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    pid = -1;
  }
};

// Each side keeps what the application got, in order; the sender keeps what it sent.
struct ledger {
  std::vector<bl::bytes> sent_by_phone, sent_by_bridge, got_by_bridge, got_by_phone;
  std::uint64_t duplicates_to_app = 0;
};

// Reads one transport message into the side's channel; records a delivered payload.
bool take(end& e, bl::secure_channel& ch, std::vector<bl::bytes>& got, ledger& l) {
  auto m = must(ch.receive(e.receive()), "receive");
  if (!m) return true;  // a resend the channel dropped: never reaches the application
  if (m->type != bl::message_type::step_response) return true;
  auto p = payload_of(*m);
  for (const auto& g : got)
    if (g == p) ++l.duplicates_to_app;
  got.push_back(std::move(p));
  return true;
}

// Sends k messages each way, each answered with an ack so the outboxes stay short.
void exchange(pipe_pair& p, session& s, ledger& l, int k, int& counter) {
  for (int i = 0; i < k; ++i) {
    auto a = filled(32, static_cast<std::uint8_t>(counter++));
    l.sent_by_phone.push_back(a);
    p.phone->send(must(s.phone->send(payload_message(a)), "p send"));
    take(*p.bridge, *s.bridge, l.got_by_bridge, l);
    auto b = filled(32, static_cast<std::uint8_t>(counter++));
    l.sent_by_bridge.push_back(b);
    p.bridge->send(must(s.bridge->send(payload_message(b)), "b send"));  // carries the bridge's ack
    take(*p.phone, *s.phone, l.got_by_phone, l);
    p.phone->send(must(s.phone->send(bl::make_ack()), "p ack"));
    (void)must(s.bridge->receive(p.bridge->receive()), "ack in");
  }
}

// Sends two messages from each end and breaks the transport before anyone reads them.
void in_flight(pipe_pair& p, session& s, ledger& l, int& counter) {
  for (int i = 0; i < 2; ++i) {
    auto a = filled(32, static_cast<std::uint8_t>(counter++));
    l.sent_by_phone.push_back(a);
    p.phone->send(must(s.phone->send(payload_message(a)), "p send"));
    auto b = filled(32, static_cast<std::uint8_t>(counter++));
    l.sent_by_bridge.push_back(b);
    p.bridge->send(must(s.bridge->send(payload_message(b)), "b send"));
  }
}

// Reads whatever the side still gets before its socket reports the end.
void drain(end& e, bl::secure_channel& ch, std::vector<bl::bytes>& got, ledger& l) {
  try {
    for (;;) take(e, ch, got, l);
  } catch (const std::runtime_error&) {
  }
}

void deliver(end& e, const std::vector<bl::bytes>& packets) {
  for (const auto& p : packets) e.send(p);
}

json::object b7(const args& a) {
  const auto t = target_of(a);
  relay_process relay{{a.get("relay-bin"), "--plain-http", "--bind", "127.0.0.1", "--port",
                       std::to_string(t.port), "--per-ip", "10000", "--channels-per-ip", "10000",
                       "--metrics-port", "0"}};
  relay.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  connector c(t);
  const auto key = bl::noise::keypair::generate();
  const long n = a.num("count", 1000);
  std::map<std::string, long> by_fault, explicit_errors, ok;
  std::uint64_t lost = 0, dupes = 0, unexplained = 0;
  for (long i = 0; i < n; ++i) {
    const char* fault = i % 3 == 0 ? "drop_mid_handshake" : i % 3 == 1 ? "phone_reconnect" : "relay_restart";
    ++by_fault[fault];
    try {
      auto qr = make_qr(key);
      auto p = c.open_pair(qr.channel_hex);
      if (i % 3 == 0) {
        // The phone sends msg1 and vanishes: the bridge must see an explicit end, never a session.
        auto ph = must(bl::link_handshake::pairing_initiator(qr.payload), "i");
        auto br = must(bl::link_handshake::pairing_responder(key, qr.payload), "r");
        p.phone->send(must(ph.write(bl::make_hello({"bench", "1", "tr", false})), "msg1"));
        p.phone->close();
        (void)must(br.read(p.bridge->receive()), "read msg1");
        try {
          p.bridge->send(must(br.write(bl::make_ready({"bench", "activation"})), "msg2"));
        } catch (const boost::system::system_error&) {
          // already closed by the relay: fine, the receive below reports it too
        }
        bool ended = false;
        try {
          (void)p.bridge->receive();
        } catch (const std::runtime_error&) {
          ended = true;  // the relay closed the bridge: the pairing failed, visibly
        }
        if (!ended) throw std::runtime_error("no explicit end after the phone vanished");
        ++explicit_errors[fault];
        // The person scans the next code: a clean pairing must follow.
        qr = make_qr(key);
        auto p2 = c.open_pair(qr.channel_hex);
        auto s = pair(p2, key, qr);
        ledger l;
        int counter = 0;
        exchange(p2, s, l, 3, counter);
        if (l.got_by_bridge != l.sent_by_phone || l.got_by_phone != l.sent_by_bridge) ++lost;
        ++ok[fault];
        continue;
      }
      auto s = pair(p, key, qr);
      ledger l;
      int counter = 0;
      exchange(p, s, l, 5, counter);
      in_flight(p, s, l, counter);
      if (i % 3 == 1) {
        p.phone->close();  // the phone's network drops with messages in flight both ways
      } else {
        relay.stop();  // the relay dies with messages in flight
        relay.start();
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
      }
      drain(*p.bridge, *s.bridge, l.got_by_bridge, l);
      p.bridge->close();
      // Resume on the next counter; both ends resend what the other has not acknowledged.
      const auto counter_n = s.next_resume;
      auto bridge_end = c.open_bridge(resume_channel(s, counter_n));
      auto phone_end = c.open_phone(resume_channel(s, counter_n), *bridge_end);
      pipe_pair q{std::move(bridge_end), std::move(phone_end)};
      auto again = resume(q, s, counter_n);
      deliver(*q.phone, again.from_phone);
      deliver(*q.bridge, again.from_bridge);
      for (std::size_t k = 0; k < again.from_phone.size(); ++k)
        take(*q.bridge, *s.bridge, l.got_by_bridge, l);
      for (std::size_t k = 0; k < again.from_bridge.size(); ++k) take(*q.phone, *s.phone, l.got_by_phone, l);
      exchange(q, s, l, 3, counter);
      q.phone->close();
      q.bridge->close();
      dupes += l.duplicates_to_app;
      if (l.got_by_bridge != l.sent_by_phone || l.got_by_phone != l.sent_by_bridge)
        ++lost;
      else
        ++ok[fault];
    } catch (const std::exception& e) {
      ++unexplained;
      std::cerr << "b7 " << fault << " #" << i << ": " << e.what() << "\n";
      if (relay.pid <= 0) relay.start();
    }
  }
  relay.stop();
  json::object faults;
  for (auto& [f, cnt] : by_fault)
    faults[f] = {
        {"pairings", cnt}, {"delivered_exactly_once", ok[f]}, {"explicit_errors", explicit_errors[f]}};
  return {{"pairings", n},
          {"faults", faults},
          {"sessions_with_loss", lost},
          {"duplicates_to_app", dupes},
          {"unexplained_failures", unexplained}};
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0 || argc < 2) {
    std::cerr << "usage: bench_client <b1|b2|b3|b4|b5|b6|b7|floor> [--key value]...\n";
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  const std::string which = argv[1];
  args a;
  for (int i = 2; i + 1 < argc; i += 2) a.kv[std::string(argv[i]).substr(2)] = argv[i + 1];
  try {
    json::object r;
    if (which == "b1")
      r = b1(a);
    else if (which == "b2")
      r = b2(a);
    else if (which == "b3")
      r = b3(a);
    else if (which == "b4")
      r = b4(a);
    else if (which == "b5")
      r = b5(a);
    else if (which == "b6")
      r = b6(a);
    else if (which == "b7")
      r = b7(a);
    else if (which == "floor")
      r = floor_rt(a);
    else
      throw std::runtime_error("unknown benchmark " + which);
    r["benchmark"] = which;
    if (a.kv.count("server")) r["server"] = kind_name(parse_kind(a.get("server")));
    const auto text = json::serialize(r);
    if (a.kv.count("out")) std::ofstream(a.get("out")) << text << "\n";
    std::cout << text << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_client " << which << ": " << e.what() << "\n";
    return 1;
  }
}
