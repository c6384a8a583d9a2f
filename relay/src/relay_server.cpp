#include "relay/relay_server.hpp"
#include "relay/single_thread.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <malloc.h>
#ifndef _WIN32
#include <sys/resource.h>
#endif
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <span>
#include <sstream>
#include <unordered_map>

#include "relay/proxy_header.hpp"
#include "relay/relay_path.hpp"
#include "relay/static_files.hpp"
#include "relay/ws_frame.hpp"

namespace eimza::relay {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
// Sockets and streams bound to the io_context's own executor type: with the type-erased
// any_io_executor a socket is 48 bytes larger, and the relay holds one per connection (#18, B4).
using plain_socket = asio::basic_stream_socket<tcp, asio::io_context::executor_type>;
using plain_stream = beast::basic_stream<tcp, asio::io_context::executor_type>;
using tls_stream = beast::ssl_stream<plain_stream>;

// A listening port that no other process can take over: SO_REUSEADDR on Linux (restart without
// waiting for TIME_WAIT), SO_EXCLUSIVEADDRUSE on Windows, where SO_REUSEADDR would let another
// program bind the same port and steal connections.
template <class Acceptor>
void exclusive_bind(Acceptor& a) {
#ifdef _WIN32
  a.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_EXCLUSIVEADDRUSE>(true));
#else
  a.set_option(asio::socket_base::reuse_address(true));
#endif
}

inline constexpr std::string_view subprotocol = "bridgelink.v1";

// A connected WebSocket peer, whatever its stream type.
class peer : public std::enable_shared_from_this<peer> {
 public:
  virtual ~peer() = default;
  /// Queues a data frame to this peer as it came from the partner (unmasked, same opcode and FIN);
  /// it goes out with the next flush().
  virtual void forward(ws::opcode op, bool fin, std::span<const std::uint8_t> payload) = 0;
  /// Writes what is queued, all of it in one write, unless a write is under way.
  virtual void flush() = 0;
  virtual void close(ws::close_code code) = 0;
  virtual void kill() = 0;            // hard close, no handshake
  virtual void resume_reading() = 0;  // the partner's queue drained
  [[nodiscard]] virtual std::size_t queued_bytes() const = 0;
  /// Heap held by its output buffers (kept between writes only for a bulk stream; see on_write).
  [[nodiscard]] virtual std::size_t output_buffer_bytes() const = 0;
  /// The relay's sweep (about once a second): a write pending too long, a quiet peer to ping or
  /// end, a close never answered.
  virtual void tick(std::chrono::steady_clock::time_point now) = 0;

  // The relay's list of peers (state::link/unlink): two pointers, not a set node per peer.
  peer* prev = nullptr;
  peer* next = nullptr;
};

// The channel owns its peers: a peer that is paused (no read or write pending) must stay alive.
struct channel {
  std::shared_ptr<peer> bridge, phone;
  std::chrono::steady_clock::time_point expires{};  // the channel's TTL, from its first peer (the sweep)
  bool paired = false;
};

struct relay_server::state : std::enable_shared_from_this<relay_server::state> {
  asio::io_context& io;
  asio::ssl::context* tls;
  tcp::acceptor acceptor;
  tcp::acceptor metrics_acceptor;
  relay_options opts;
  std::ostream& log;
  relay_metrics m;
  // Shared by every connection without a lock: only ever from the io thread (checked).
  std::unordered_map<channel_id, channel, channel_id_hash> channel_table;
  // Only addresses with something counted: connections outside channels, channels opened.
  std::unordered_map<std::string, std::size_t> address_counts, channel_counts;
  single_thread io_thread;
  std::unordered_map<channel_id, channel, channel_id_hash>& channels() {
    io_thread.check("the relay's channel table");
    return channel_table;
  }
  const std::unordered_map<channel_id, channel, channel_id_hash>& channels() const {
    io_thread.check("the relay's channel table");
    return channel_table;
  }
  std::unordered_map<std::string, std::size_t>& per_ip() {
    io_thread.check("the relay's per-address counts");
    return address_counts;
  }
  std::unordered_map<std::string, std::size_t>& channels_per_ip() {
    io_thread.check("the relay's per-address channel counts");
    return channel_counts;
  }
  peer* first_peer = nullptr;  // every peer in a channel (link/unlink)
  // One timer for every peer and channel (timeouts, pings, TTLs), not timers per connection:
  // armed while there are peers, about once a second.
  asio::steady_timer sweep_timer;
  bool sweeping = false;
  void link(peer* p) {
    p->next = first_peer;
    if (first_peer) first_peer->prev = p;
    first_peer = p;
    if (!sweeping) arm_sweep();
  }
  void unlink(peer* p) {
    (p->prev ? p->prev->next : first_peer) = p->next;
    if (p->next) p->next->prev = p->prev;
    p->prev = p->next = nullptr;
  }
  [[nodiscard]] std::vector<std::shared_ptr<peer>> all_peers() {
    std::vector<std::shared_ptr<peer>> out;
    for (peer* p = first_peer; p; p = p->next)
      if (auto sp = p->weak_from_this().lock()) out.push_back(std::move(sp));
    return out;
  }
  void arm_sweep() {
    sweeping = true;
    sweep_timer.expires_after(std::chrono::seconds(1));
    sweep_timer.async_wait([self = shared_from_this()](beast::error_code ec) {
      self->sweeping = false;
      if (ec) return;
      self->sweep();
      if (self->first_peer) self->arm_sweep();
    });
  }
  void sweep();
  /// /metrics: the counters, with the gauges summed over the peers now.
  [[nodiscard]] std::string metrics_text();
  static_files files;
  // Where a plain connection's bytes land when its socket is readable: one for the relay, as
  // everything runs on the io thread; a peer keeps only an incomplete frame's bytes of its own.
  std::vector<std::uint8_t> scratch = std::vector<std::uint8_t>(64 * 1024);
  std::size_t open_connections = 0;
  std::size_t connection_cap = 0;
  std::size_t reserve_in_use = 0;  // connections let in on the bridge's reserve
  asio::steady_timer accept_backoff,
      metrics_backoff;  // one per listener: a shared one would cancel the other's wait
  bool stopping = false;

  [[nodiscard]] bool trusted_proxy(const std::string& ip) const {
    return std::find(opts.trusted_proxies.begin(), opts.trusted_proxies.end(), ip) !=
           opts.trusted_proxies.end();
  }
  // One more for ip in counts, if the limit and the map's size allow: looked up, never inserted
  // before the check, erased at zero (release).
  [[nodiscard]] bool take(std::unordered_map<std::string, std::size_t>& counts, const std::string& ip,
                          std::size_t limit) {
    auto it = counts.find(ip);
    if (it == counts.end()) {
      if (counts.size() >= opts.max_addresses) return false;
      counts.emplace(ip, 1);
      m.addresses_tracked = per_ip().size() + channels_per_ip().size();
      return true;
    }
    if (it->second >= limit) return false;
    ++it->second;
    return true;
  }
  void release(std::unordered_map<std::string, std::size_t>& counts, const std::string& ip) {
    if (auto it = counts.find(ip); it != counts.end() && --it->second == 0) counts.erase(it);
    m.addresses_tracked = per_ip().size() + channels_per_ip().size();
  }

  state(asio::io_context& i, asio::ssl::context* t, const tcp::endpoint& at, relay_options o, std::ostream& l)
      : io(i),
        tls(t),
        acceptor(i),
        metrics_acceptor(i),
        opts(std::move(o)),
        log(l),
        sweep_timer(i),
        files(opts.static_dir),
        accept_backoff(i),
        metrics_backoff(i) {
    // Below the descriptor limit, with room for the listener, logs and the odd file.
    connection_cap = opts.max_connections;
#ifndef _WIN32  // Windows has no per-process socket limit of this kind
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > 64)
      connection_cap = std::min<std::size_t>(connection_cap, static_cast<std::size_t>(rl.rlim_cur) - 64);
#endif
    acceptor.open(at.protocol());
    exclusive_bind(acceptor);
    acceptor.bind(at);
    acceptor.listen(asio::socket_base::max_listen_connections);
    if (opts.metrics_endpoint) {
      metrics_acceptor.open(opts.metrics_endpoint->protocol());
      exclusive_bind(metrics_acceptor);
      metrics_acceptor.bind(*opts.metrics_endpoint);
      metrics_acceptor.listen();
    }
  }

  void accept();
  void accept_metrics();
  // accept() failed (descriptors, memory): try again after a pause, never at once.
  void after_pause(asio::steady_timer& t, void (state::*again)()) {
    ++m.accept_errors;
    t.expires_after(std::chrono::milliseconds(100));
    t.async_wait([self = shared_from_this(), again](beast::error_code e) {
      if (!e && !self->stopping) ((*self).*again)();
    });
  }
  void note(const std::string& line) {
    if (opts.log_connections) log << "relay: " << line << "\n" << std::flush;
  }
  static std::string short_id(const channel_id& ch) {
    return to_hex(ch).substr(0, 8) + "…";
  }

  // Leaves the channel: the partner is told with 1001 and the channel ends.
  void leave(const channel_id& ch, const peer* who) {
    auto it = channels().find(ch);
    if (it == channels().end()) return;
    if (it->second.bridge.get() != who && it->second.phone.get() != who) return;
    end_channel(it, who);
  }

  // The channel ends: erased, and its peers other than `who` closed with 1001.
  void end_channel(std::unordered_map<channel_id, channel, channel_id_hash>::iterator it, const peer* who) {
    auto b = it->second.bridge;
    auto p = it->second.phone;
    channels().erase(it);
    m.channels_current = channels().size();
    if (b && b.get() != who) b->close(ws::close_code::going_away);
    if (p && p.get() != who) p->close(ws::close_code::going_away);
  }

  [[nodiscard]] std::shared_ptr<peer> partner_of(const channel_id& ch, const peer* who) const {
    auto it = channels().find(ch);
    if (it == channels().end()) return nullptr;
    if (it->second.bridge.get() == who) return it->second.phone;
    if (it->second.phone.get() == who) return it->second.bridge;
    return nullptr;
  }
};

namespace {

std::string render_metrics(const relay_metrics& m);

// A connection's place in the relay's budgets: counted from accept to close. Until it is in a
// channel it is charged to its client address's connection budget; entering a channel moves the
// charge there (the bridge's to its address's channel budget, the phone's to the channel itself).
// Moves from the HTTP connection to the WebSocket peer.
class admission {
 public:
  explicit admission(std::shared_ptr<relay_server::state> st) : st_(std::move(st)) {
    st_->io_thread.check("the relay's connection counts");
    ++st_->open_connections;
  }
  admission(admission&& o) noexcept
      : st_(std::move(o.st_)),
        ip_(std::move(o.ip_)),
        charged_(o.charged_),
        reserved_(o.reserved_),
        channel_charged_(o.channel_charged_) {
    o.charged_ = o.reserved_ = o.channel_charged_ = false;
  }
  admission& operator=(admission&&) = delete;
  ~admission() {
    if (!st_) return;
    leave_address();
    if (channel_charged_) st_->release(st_->channels_per_ip(), ip_);
    --st_->open_connections;
  }
  // Over its address's budget, but there is room in the bridge's reserve: let in until its
  // request shows whether it is the bridge.
  [[nodiscard]] bool reserve() {
    if (st_->opts.bridge_credential.empty() || st_->reserve_in_use >= st_->opts.bridge_reserve) return false;
    ++st_->reserve_in_use;
    reserved_ = true;
    return true;
  }
  [[nodiscard]] bool reserved() const noexcept { return reserved_; }
  /// The address charged, or the channel's once entered.
  [[nodiscard]] const std::string& ip() const noexcept { return ip_; }
  [[nodiscard]] bool charge(const std::string& ip) {
    if (charged_) return ip == ip_;
    if (!st_->take(st_->per_ip(), ip, st_->opts.per_ip_limit)) return false;
    ip_ = ip;
    charged_ = true;
    return true;
  }
  // The upgrade is accepted into a channel. A bridge that is not the embedded relay's own is
  // charged one of its address's channels (false: none left, nothing changed).
  [[nodiscard]] bool enter_channel(peer_role role, const std::string& ip, bool own_bridge) {
    if (role == peer_role::bridge && !own_bridge) {
      if (!st_->take(st_->channels_per_ip(), ip, st_->opts.channels_per_ip)) return false;
      channel_charged_ = true;
    }
    leave_address();
    ip_ = ip;
    return true;
  }

 private:
  void leave_address() {
    if (charged_) st_->release(st_->per_ip(), ip_);
    if (reserved_) --st_->reserve_in_use;
    charged_ = reserved_ = false;
  }
  std::shared_ptr<relay_server::state> st_;
  std::string ip_;
  bool charged_ = false, reserved_ = false, channel_charged_ = false;
};

// The request carries the embedded relay's per-run secret (compared in constant time).
bool from_own_bridge(const relay_options& o, std::string_view given) {
  return !o.bridge_credential.empty() && given.size() == o.bridge_credential.size() &&
         CRYPTO_memcmp(given.data(), o.bridge_credential.data(), given.size()) == 0;
}

// "a, b, c": the rightmost entry (the one the trusted proxy appended), when it is an address.
std::optional<std::string> forwarded_client(std::string_view xff) {
  const auto comma = xff.rfind(',');
  std::string last(comma == std::string_view::npos ? xff : xff.substr(comma + 1));
  last.erase(0, last.find_first_not_of(" \t"));
  last.erase(last.find_last_not_of(" \t") + 1);
  beast::error_code ec;
  const auto a = asio::ip::make_address(last, ec);
  if (ec) return std::nullopt;
  return a.to_string();
}

// The subprotocol list "a, b" holds exactly `want` as one of its tokens.
bool offers(std::string_view list, std::string_view want) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    auto token = list.substr(0, comma);
    while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
    if (token == want) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A browser page's Origin is acceptable: the relay's own (its host[:port] is the request's Host),
// or configured.
bool origin_allowed(const relay_options& o, std::string_view origin, std::string_view host) {
  if (origin.empty()) return true;  // not a browser page
  for (const auto& a : o.allowed_origins)
    if (a == "*" || lower(a) == lower(origin)) return true;
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return false;
  return !host.empty() && lower(origin.substr(scheme_end + 3)) == lower(host);
}

void hard_close(plain_socket& s) {
  beast::error_code ec;
  s.shutdown(plain_socket::shutdown_both, ec);
  s.close(ec);
}
template <class Stream>
void hard_close(Stream& s) {
  hard_close(beast::get_lowest_layer(s).socket());
}

// The WebSocket's opening answer (RFC 6455 4.2.2): Sec-WebSocket-Accept is base64(SHA-1(key + GUID)).
std::string switching_protocols(std::string_view key) {
  static constexpr std::string_view guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  std::string text(key);
  text += guid;
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  unsigned char accept[4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1];
  EVP_EncodeBlock(accept, digest, SHA_DIGEST_LENGTH);
  return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Accept: " +
         std::string(reinterpret_cast<const char*>(accept)) +
         "\r\nSec-WebSocket-Protocol: " + std::string(subprotocol) + "\r\n\r\n";
}

// A key as RFC 6455 asks: 16 bytes in base64 (24 characters, ending "==").
bool valid_websocket_key(std::string_view key) {
  if (key.size() != 24 || key.substr(22) != "==") return false;
  return std::all_of(key.begin(), key.end() - 2, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/';
  });
}

// A WebSocket peer in a channel: our own framing over the connection (ws_frame.hpp), so that
// what a peer sends is forwarded in batches — every frame a read brought, appended unmasked to the
// partner's output, written with one write — and an idle peer holds no buffer: a plain
// connection waits for readability and reads into the relay's scratch area; only the bytes of an
// incomplete frame are kept. Stream: plain_socket, or the TLS stream (which reads into a buffer of
// its own, since TLS may hold decrypted bytes the socket does not show).
template <class Stream>
class ws_peer final : public peer {
  static constexpr bool tls = !std::is_same_v<Stream, plain_socket>;
  static constexpr std::size_t tls_read_size = 16 * 1024;
  static constexpr std::size_t bulk_buffer = 64 * 1024;  // output buffers this big outlive a write
  static inline const std::size_t inline_string = std::string().capacity();  // no heap below this

 public:
  // adm has entered the channel: it holds the client's address.
  ws_peer(std::shared_ptr<relay_server::state> st, Stream s, const channel_id& ch, peer_role role,
          admission adm)
      : st_(std::move(st)), stream_(std::move(s)), ch_(ch), role_(role), admission_(std::move(adm)) {}

  ~ws_peer() override {
    st_->unlink(this);
    // The last peer gone: hand freed heap back to the system, so an idle relay is small again
    // after a burst (glibc keeps it otherwise).
    if (--st_->m.connections_current == 0) {
#ifdef __GLIBC__
      malloc_trim(0);
#endif
    }
  }

  // The answer to the upgrade goes out first; `early` is what the client sent after its request.
  void start(std::string_view key, std::string_view early) {
    beast::error_code ec;
    if constexpr (tls)
      beast::get_lowest_layer(stream_).expires_never();
    else
      stream_.non_blocking(true, ec);
    pending_ = switching_protocols(key);
    queued_ = pending_.size();
    joined();
    flush();
    last_heard_ = std::chrono::steady_clock::now();
    if (!early.empty()) {
      carry_.assign(early.begin(), early.end());
      drain_carry();
    }
    do_read();
  }

  void forward(ws::opcode op, bool fin, std::span<const std::uint8_t> payload) override {
    if (closing_) return;
    append_frame(op, fin, payload);
  }

  void flush() override {
    if (writing_ || killed_ || pending_.empty()) return;
    writing_buf_.swap(pending_);
    pending_.clear();
    writing_ = true;
    write_time_ = std::chrono::steady_clock::now();
    asio::async_write(stream_, asio::buffer(writing_buf_),
                      [self = shared()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void close(ws::close_code code) override {
    if (closing_ || killed_) return;
    closing_ = true;
    const auto c = static_cast<std::uint16_t>(code);
    const std::uint8_t body[2] = {static_cast<std::uint8_t>(c >> 8), static_cast<std::uint8_t>(c)};
    append_frame(ws::opcode::close, true, body);
    flush();
    closing_since_ = std::chrono::steady_clock::now();  // 5 s for the client's answering close (tick)
    // Read on until it comes, dropping data: a client still writing must not meet a connection
    // reset, which would also take our close frame from it unread.
    paused_ = false;
    do_read();
  }

  void kill() override {
    if (killed_) return;
    closing_ = killed_ = true;
    hard_close(stream_);
  }

  void resume_reading() override {
    if (!paused_ || closing_) return;
    paused_ = false;
    drain_carry();
    if (!paused_) do_read();
  }

  [[nodiscard]] std::size_t queued_bytes() const override {
    return queued_;
  }

  [[nodiscard]] std::size_t output_buffer_bytes() const override {
    const auto heap = [](const std::string& b) { return b.capacity() > inline_string ? b.capacity() : 0; };
    return heap(pending_) + heap(writing_buf_);
  }

 private:
  std::shared_ptr<ws_peer> shared() {
    return std::static_pointer_cast<ws_peer>(shared_from_this());
  }

  // In its channel, as its answer goes out.
  void joined() {
    auto& c = st_->channels()[ch_];
    st_->link(this);
    st_->m.channels_current = st_->channels().size();
    if (c.expires == std::chrono::steady_clock::time_point{})
      c.expires = std::chrono::steady_clock::now() + st_->opts.channel_ttl;
    if (!c.paired && c.bridge && c.phone) {
      c.paired = true;
      ++st_->m.paired_total;
    }
    st_->note(std::string(role_ == peer_role::bridge ? "bridge" : "phone") + " joined channel " +
              relay_server::state::short_id(ch_) + " from " + admission_.ip());
  }

  void append_frame(ws::opcode op, bool fin, std::span<const std::uint8_t> payload) {
    std::uint8_t head[ws::max_server_head];
    const auto n = ws::server_head(head, op, fin, payload.size());
    pending_.append(reinterpret_cast<const char*>(head), n);
    pending_.append(reinterpret_cast<const char*>(payload.data()), payload.size());
    queued_ += n + payload.size();
  }

  void do_read() {
    if (reading_ || paused_ || killed_) return;
    reading_ = true;
    if constexpr (tls) {
      if (!tls_buffer_) tls_buffer_ = std::make_unique<std::uint8_t[]>(tls_read_size);
      stream_.async_read_some(asio::buffer(tls_buffer_.get(), tls_read_size),
                              [self = shared()](beast::error_code ec, std::size_t n) {
                                self->reading_ = false;
                                if (ec) return self->read_failed();
                                self->received(self->tls_buffer_.get(), n);
                                self->do_read();
                              });
    } else {
      stream_.async_wait(plain_socket::wait_read, [self = shared()](beast::error_code ec) {
        self->reading_ = false;
        if (ec) return self->read_failed();
        self->readable();
      });
    }
  }

  // Plain: reads what is there into the scratch area, a few times while reads fill it.
  void readable() {
    auto& buf = st_->scratch;
    for (int round = 0; round < 4 && !paused_ && !killed_; ++round) {
      beast::error_code ec;
      const auto n = stream_.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::would_block || ec == asio::error::try_again) break;
      if (ec) return read_failed();
      received(buf.data(), n);
      if (n < buf.size()) break;
    }
    do_read();
  }

  void read_failed() {
    gone();
    kill();
  }

  // Bytes from the client: every complete frame handled, what is left of an incomplete one kept.
  void received(std::uint8_t* data, std::size_t n) {
    last_heard_ = std::chrono::steady_clock::now();
    pinged_ = false;
    if (!carry_.empty()) {
      carry_.insert(carry_.end(), data, data + n);
      return drain_carry();
    }
    const auto used = handle(data, n);
    if (used < n) carry_.assign(data + used, data + n);
    after_batch();
  }

  void drain_carry() {
    const auto used = handle(carry_.data(), carry_.size());
    carry_.erase(carry_.begin(), carry_.begin() + static_cast<std::ptrdiff_t>(used));
    if (carry_.empty()) std::vector<std::uint8_t>().swap(carry_);  // an idle peer keeps no buffer
    after_batch();
  }

  // What a batch queued goes out: the partner's forwarded frames, our own pongs and closes.
  void after_batch() {
    if (auto partner = st_->partner_of(ch_, this)) partner->flush();
    flush();
  }

  // Handles the complete frames at the start of data; returns how many bytes it used (all of them
  // once the peer is closing or paused by a slow partner mid-way: then the rest is kept).
  std::size_t handle(std::uint8_t* data, std::size_t n) {
    std::size_t at = 0;
    const auto partner = st_->partner_of(ch_, this);  // once per batch: nothing else runs meanwhile
    while (at < n && !killed_ && !paused_) {
      ws::frame_head h;
      const auto status = ws::parse_client_head({data + at, n - at}, h);
      if (status == ws::head_status::need_more) break;
      if (status == ws::head_status::protocol_error) {
        fail(ws::close_code::protocol_error);
        return n;
      }
      if (!ws::is_control(h.op) && h.length > st_->opts.max_frame) {
        ++st_->m.closed_oversize;
        fail(ws::close_code::too_big);
        return n;
      }
      if (n - at - h.size < h.length) break;  // the payload is still on its way
      const std::span<std::uint8_t> payload(data + at + h.size, static_cast<std::size_t>(h.length));
      ws::unmask(payload, h.mask);
      at += h.size + payload.size();
      if (!frame(h, payload, partner.get())) return n;
    }
    return at;
  }

  // One frame from the client; false when the peer reads no more.
  bool frame(const ws::frame_head& h, std::span<const std::uint8_t> payload, peer* partner) {
    if (h.op == ws::opcode::close) return closed_by_client(payload);
    if (closing_) return true;  // after our close: nothing more is forwarded
    switch (h.op) {
      case ws::opcode::ping: append_frame(ws::opcode::pong, true, payload); return true;
      case ws::opcode::pong: return true;
      case ws::opcode::text:
        ++st_->m.closed_text_frame;
        fail(ws::close_code::bad_payload);  // 1007: BridgeLink is binary only
        return false;
      case ws::opcode::continuation:
        if (!in_message_) return fail(ws::close_code::protocol_error), false;
        break;
      default:
        if (in_message_) return fail(ws::close_code::protocol_error), false;
        message_bytes_ = 0;
        break;
    }
    message_bytes_ += payload.size();
    if (message_bytes_ > st_->opts.max_frame) {
      ++st_->m.closed_oversize;
      fail(ws::close_code::too_big);
      return false;
    }
    in_message_ = !h.fin;
    if (!partner) {
      fail(ws::close_code::policy_error);  // nobody to talk to yet
      return false;
    }
    partner->forward(h.op, h.fin, payload);
    if (h.fin) ++st_->m.messages_forwarded;
    st_->m.bytes_forwarded += payload.size();
    // Backpressure: a slow reader on the other side stops us reading, so memory stays bounded.
    if (partner->queued_bytes() > st_->opts.queue_high_water) paused_ = true;
    return true;
  }

  // The client's close: answered with its code (when it gave one) unless ours went first; the
  // connection ends once the answer is out.
  bool closed_by_client(std::span<const std::uint8_t> payload) {
    client_closed_ = true;
    if (!closing_) {
      closing_ = true;
      const std::uint8_t normal[2] = {0x03, 0xe8};  // 1000
      append_frame(ws::opcode::close, true, payload.size() >= 2 ? payload.first(2) : std::span(normal));
      gone();
    }
    if (!writing_ && pending_.empty()) kill();
    return false;
  }

  // Closes with `code` and leaves the channel (the partner is told with 1001).
  void fail(ws::close_code code) {
    close(code);
    gone();
  }

  // A write pending for write_timeout means the peer stopped reading; quiet for half the idle
  // timeout: a ping, for all of it: the end; our close unanswered for 5 s: the end.
  void tick(std::chrono::steady_clock::time_point now) override {
    if (killed_) return;
    // A bulk stream's buffers (on_write), a second after its last write ended.
    if (!writing_ && pending_.empty() && now - write_time_ >= std::chrono::seconds(1) &&
        output_buffer_bytes() > 0)
      release_output();
    if (writing_ && now - write_time_ >= st_->opts.write_timeout) {
      ++st_->m.closed_slow_peer;
      st_->note("closing a peer that stopped reading on channel " + relay_server::state::short_id(ch_));
      gone();
      return kill();
    }
    if (closing_) {
      if (now - closing_since_ >= std::chrono::seconds(5)) gone(), kill();
      return;
    }
    const auto quiet = now - last_heard_;
    if (quiet >= st_->opts.idle_timeout) return gone(), kill();
    if (quiet >= st_->opts.idle_timeout / 2 && !pinged_) {
      pinged_ = true;
      append_frame(ws::opcode::ping, true, {});
      flush();
    }
  }

  void on_write(beast::error_code ec) {
    writing_ = false;
    if (ec) return read_failed();
    queued_ -= writing_buf_.size();
    writing_buf_.clear();
    // Idle: no output buffer kept — except a bulk stream's, until the sweep finds it quiet a
    // second after this write ended (freed and grown again for every write, a big buffer costs
    // its page faults each time).
    if (pending_.empty()) {
      if (writing_buf_.capacity() < bulk_buffer)
        release_output();
      else
        write_time_ = std::chrono::steady_clock::now();
    }
    if (queued_ < st_->opts.queue_low_water)
      if (auto partner = st_->partner_of(ch_, this)) partner->resume_reading();
    if (closing_ && pending_.empty() && client_closed_) return kill();  // both closes exchanged
    flush();
  }

  void release_output() {
    std::string().swap(writing_buf_);
    std::string().swap(pending_);
  }

  void gone() {
    if (left_) return;
    left_ = true;
    st_->leave(ch_, this);
  }

  std::shared_ptr<relay_server::state> st_;
  Stream stream_;
  channel_id ch_;
  peer_role role_;
  admission admission_;                // also the client's address
  std::string pending_, writing_buf_;  // frames to write next; frames being written
  std::vector<std::uint8_t> carry_;    // an incomplete frame's bytes
  std::unique_ptr<std::uint8_t[]> tls_buffer_;
  std::size_t queued_ = 0;
  std::uint64_t message_bytes_ = 0;  // of the message under way (fragments add up)
  // write_time_: while writing, when the write started (a stall: tick); after a write that left a
  // bulk buffer kept, when it ended (the buffer is freed a second later).
  std::chrono::steady_clock::time_point write_time_{}, last_heard_{}, closing_since_{};
  bool writing_ = false, reading_ = false, paused_ = false, closing_ = false, killed_ = false, left_ = false,
       pinged_ = false, client_closed_ = false, in_message_ = false;
};

template <class Stream>
class http_conn : public std::enable_shared_from_this<http_conn<Stream>> {
 public:
  http_conn(std::shared_ptr<relay_server::state> st, Stream s, std::string ip, admission adm,
            bool metrics_only = false)
      : st_(std::move(st)),
        stream_(std::move(s)),
        ip_(std::move(ip)),
        admission_(std::move(adm)),
        metrics_only_(metrics_only) {}

  void start() {
    // A trusted proxy speaking the PROXY protocol says who the client is before anything else.
    if (st_->opts.proxy_protocol && !metrics_only_ && st_->trusted_proxy(ip_)) return read_proxy_header(0);
    after_proxy_header();
  }

 private:
  void read_proxy_header(std::size_t have) {
    const auto want = have < proxy_v2_fixed ? proxy_v2_fixed : proxy_head_.length;
    auto& tcp = beast::get_lowest_layer(stream_);
    tcp.expires_after(st_->opts.header_timeout);
    asio::async_read(tcp, asio::buffer(proxy_bytes_.data() + have, want - have),
                     [self = this->shared_from_this(), want](beast::error_code ec, std::size_t) {
                       if (ec) return hard_close(self->stream_);
                       self->proxy_head_ = parse_proxy_v2({self->proxy_bytes_.data(), want});
                       switch (self->proxy_head_.status) {
                         case proxy_status::need_more: return self->read_proxy_header(want);
                         case proxy_status::invalid: return hard_close(self->stream_);
                         case proxy_status::local: break;  // the proxy's own health check
                         case proxy_status::proxied:
                           self->ip_ = self->proxy_head_.source;
                           self->over_budget_ = !self->admission_.charge(self->ip_);
                           break;
                       }
                       self->after_proxy_header();
                     });
  }

  void after_proxy_header() {
    if constexpr (std::is_same_v<Stream, tls_stream>) {
      beast::get_lowest_layer(stream_).expires_after(st_->opts.header_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->do_read();
                              });
    } else {
      do_read();
    }
  }

  void do_read() {
    parser_.emplace();
    parser_->header_limit(8 * 1024);
    parser_->body_limit(4 * 1024);
    beast::get_lowest_layer(stream_).expires_after(st_->opts.header_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  template <class Body>
  void reply(http::response<Body> res) {
    res.set(http::field::server, "eimza-relay");
    res.keep_alive(keep_alive_);
    res.prepare_payload();
    auto sp = std::make_shared<http::response<Body>>(std::move(res));
    http::async_write(stream_, *sp, [self = this->shared_from_this(), sp](beast::error_code ec, std::size_t) {
      if (ec || !self->keep_alive_) return hard_close(self->stream_);
      self->do_read();
    });
  }

  void status(http::status s, std::string_view text) {
    http::response<http::string_body> res{s, 11};
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    res.body() = std::string(text) + "\n";
    reply(std::move(res));
  }

  void on_read(beast::error_code ec) {
    if (ec) return hard_close(stream_);  // timeout (slowloris), oversized head, garbage, EOF
    auto req = parser_->release();
    keep_alive_ = req.keep_alive();
    // The client: the TCP peer, or, from a trusted proxy, the address it appended.
    std::string ip = ip_;
    if (over_budget_) {  // the PROXY header named a client whose budget is spent
      ++st_->m.rejected_per_ip;
      keep_alive_ = false;
      return status(http::status::too_many_requests, "too many connections from this address");
    }
    if (st_->trusted_proxy(ip_) && !metrics_only_ && !st_->opts.proxy_protocol) {
      if (auto fwd = forwarded_client(req["X-Forwarded-For"])) ip = *fwd;
      if (!admission_.charge(ip)) {
        ++st_->m.rejected_per_ip;
        keep_alive_ = false;
        return status(http::status::too_many_requests, "too many connections from this address");
      }
    }
    const auto target = parse_target(req.target());
    const bool own_bridge = from_own_bridge(st_->opts, req[bridge_credential_header]);
    if (admission_.reserved() &&
        !(own_bridge && target.kind == target_kind::channel && target.role == peer_role::bridge)) {
      ++st_->m.rejected_per_ip;
      keep_alive_ = false;
      return status(http::status::too_many_requests, "too many connections from this address");
    }
    if (metrics_only_ && target.kind != target_kind::metrics && target.kind != target_kind::health)
      return status(http::status::not_found, "not found");
    switch (target.kind) {
      case target_kind::bad_channel:
        ++st_->m.rejected_bad_path;
        return status(http::status::bad_request, "malformed channel id");
      case target_kind::not_found:
        ++st_->m.rejected_bad_path;
        return status(http::status::not_found, "not found");
      case target_kind::health: return status(http::status::ok, st_->stopping ? "stopping" : "ok");
      case target_kind::metrics: {
        if (!st_->opts.serve_metrics && !metrics_only_) return status(http::status::not_found, "not found");
        http::response<http::string_body> res{http::status::ok, 11};
        res.set(http::field::content_type, "text/plain; version=0.0.4");
        res.body() = st_->metrics_text();
        return reply(std::move(res));
      }
      case target_kind::static_file: {
        auto file = st_->files.get(target.file);
        if (!file) return status(http::status::not_found, "not found");
        http::response<http::string_body> res{http::status::ok, 11};
        for (const auto& [k, v] : file->headers) res.set(k, v);
        res.body() = std::move(file->body);
        return reply(std::move(res));
      }
      case target_kind::channel: break;
    }
    if (!websocket::is_upgrade(req)) return status(http::status::upgrade_required, "WebSocket only");
    if (req[http::field::sec_websocket_version] != "13" ||
        !valid_websocket_key(req[http::field::sec_websocket_key]))
      return status(http::status::bad_request, "WebSocket version 13 with a valid key required");
    if (st_->stopping) return status(http::status::service_unavailable, "shutting down");
    if (!offers(req[http::field::sec_websocket_protocol], subprotocol))
      return status(http::status::bad_request, "subprotocol bridgelink.v1 required");
    if (!origin_allowed(st_->opts, req[http::field::origin], req[http::field::host])) {
      ++st_->m.rejected_origin;
      return status(http::status::forbidden, "this page's origin may not use the relay");
    }
    if (target.role == peer_role::bridge && !st_->opts.bridge_credential.empty() && !own_bridge)
      return status(http::status::forbidden, "this relay opens channels only for its own bridge");
    auto it = st_->channels().find(target.channel);
    if (target.role == peer_role::bridge) {
      if (it != st_->channels().end() && it->second.bridge) {
        ++st_->m.rejected_busy;
        return status(http::status::conflict, "channel already has a bridge");
      }
    } else {
      if (it == st_->channels().end() || !it->second.bridge) {
        ++st_->m.rejected_no_channel;
        return status(http::status::not_found, "no such channel (show a new QR code)");
      }
      if (it->second.phone) {
        ++st_->m.rejected_busy;
        return status(http::status::conflict, "channel already has a phone");
      }
    }
    if (!admission_.enter_channel(target.role, ip, own_bridge)) {
      ++st_->m.rejected_channels_per_ip;
      return status(http::status::too_many_requests, "too many channels from this address");
    }
    ++st_->m.connections_total;
    ++st_->m.connections_current;
    const auto early = beast::buffers_to_string(buffer_.data());  // sent after the request
    // The peer takes the bare socket after the upgrade (plain), or the TLS stream as it is.
    auto adopt = [&](auto connection) {
      auto w = std::make_shared<ws_peer<decltype(connection)>>(st_, std::move(connection), target.channel,
                                                               target.role, std::move(admission_));
      reserve_slot(target, w);
      w->start(req[http::field::sec_websocket_key], early);
    };
    if constexpr (std::is_same_v<Stream, plain_stream>)
      adopt(stream_.release_socket());
    else
      adopt(std::move(stream_));
  }

  // Reserve the slot now: a second peer racing the handshake is refused.
  void reserve_slot(const parsed_target& target, const std::shared_ptr<peer>& p) {
    auto& c = st_->channels()[target.channel];
    (target.role == peer_role::bridge ? c.bridge : c.phone) = p;
    st_->m.channels_current = st_->channels().size();
  }

  std::shared_ptr<relay_server::state> st_;
  Stream stream_;
  std::string ip_;
  std::array<std::uint8_t, proxy_v2_max> proxy_bytes_{};
  proxy_header proxy_head_;
  bool over_budget_ = false;
  admission admission_;
  bool metrics_only_;  // the metrics listener: /metrics and /healthz, nothing else
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool keep_alive_ = false;
};

std::string render_metrics(const relay_metrics& m) {
  std::ostringstream o;
  auto counter = [&](const char* name, const char* help, std::uint64_t v, const char* type = "counter") {
    o << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n"
      << name << " " << v << "\n";
  };
  counter("relay_connections_total", "WebSocket peers accepted", m.connections_total);
  counter("relay_connections_current", "WebSocket peers connected now", m.connections_current, "gauge");
  counter("relay_channels_current", "Channels open now", m.channels_current, "gauge");
  counter("relay_paired_total", "Channels that had both peers", m.paired_total);
  counter("relay_messages_forwarded_total", "Binary messages forwarded", m.messages_forwarded);
  counter("relay_bytes_forwarded_total", "Bytes forwarded", m.bytes_forwarded);
  counter("relay_output_buffer_bytes", "Heap held by output buffers (a bulk stream's, until quiet)",
          m.output_buffer_bytes, "gauge");
  o << "# HELP relay_rejected_total Requests refused before upgrade\n# TYPE relay_rejected_total counter\n"
    << "relay_rejected_total{reason=\"bad_path\"} " << m.rejected_bad_path << "\n"
    << "relay_rejected_total{reason=\"busy\"} " << m.rejected_busy << "\n"
    << "relay_rejected_total{reason=\"no_channel\"} " << m.rejected_no_channel << "\n"
    << "relay_rejected_total{reason=\"per_ip\"} " << m.rejected_per_ip << "\n"
    << "relay_rejected_total{reason=\"channels_per_ip\"} " << m.rejected_channels_per_ip << "\n"
    << "relay_rejected_total{reason=\"capacity\"} " << m.rejected_capacity << "\n"
    << "relay_rejected_total{reason=\"origin\"} " << m.rejected_origin << "\n";
  counter("relay_accept_errors_total", "accept() failures (descriptors, memory), each followed by a pause",
          m.accept_errors);
  counter("relay_addresses_tracked",
          "Per-address entries now (connections outside channels; channels opened)", m.addresses_tracked,
          "gauge");
  o << "# HELP relay_closed_total Peers closed by the relay\n# TYPE relay_closed_total counter\n"
    << "relay_closed_total{reason=\"text_frame\"} " << m.closed_text_frame << "\n"
    << "relay_closed_total{reason=\"oversize\"} " << m.closed_oversize << "\n"
    << "relay_closed_total{reason=\"slow_peer\"} " << m.closed_slow_peer << "\n"
    << "relay_closed_total{reason=\"ttl\"} " << m.closed_ttl << "\n";
  const auto seconds = [](std::chrono::nanoseconds t) { return std::chrono::duration<double>(t).count(); };
  o << "# HELP relay_busy_poll_seconds_total Time polling for work before sleeping: caught (work came, a "
       "wake-up saved) or missed (it slept after all)\n# TYPE relay_busy_poll_seconds_total counter\n"
    << std::fixed << std::setprecision(6) << "relay_busy_poll_seconds_total{outcome=\"caught\"} "
    << seconds(m.polling.caught) << "\n"
    << "relay_busy_poll_seconds_total{outcome=\"missed\"} " << seconds(m.polling.missed) << "\n";
  return o.str();
}

}  // namespace

std::string relay_server::state::metrics_text() {
  m.output_buffer_bytes = 0;
  for (peer* p = first_peer; p; p = p->next) m.output_buffer_bytes += p->output_buffer_bytes();
  return render_metrics(m);
}

void relay_server::state::sweep() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<channel_id> expired;
  for (const auto& [id, c] : channels())
    if (c.expires != std::chrono::steady_clock::time_point{} && now >= c.expires) expired.push_back(id);
  for (const auto& id : expired) {
    ++m.closed_ttl;
    note("channel " + short_id(id) + " reached its TTL");
    end_channel(channels().find(id), nullptr);
  }
  for (auto& p : all_peers()) p->tick(now);
}

void relay_server::state::accept() {
  acceptor.async_accept(io.get_executor(), [self = shared_from_this()](beast::error_code ec, plain_socket s) {
    if (ec == asio::error::operation_aborted || self->stopping) return;
    if (ec) {
      return self->after_pause(self->accept_backoff, &state::accept);  // out of descriptors: never spin
    }
    beast::error_code ignored;
    const auto ip = s.remote_endpoint(ignored).address().to_string();
    admission adm(self);
    // Everyone but a trusted proxy is charged from the first byte: plain HTTP connections count.
    const bool full = self->open_connections > self->connection_cap;
    const bool admitted = !full && (self->trusted_proxy(ip) || adm.charge(ip));
    if (!admitted && !adm.reserve()) {
      ++(full ? self->m.rejected_capacity : self->m.rejected_per_ip);
      if (self->tls || full) {
        s.close(ignored);
      } else {
        // Said without reading the request (that would hold the slot): 429, then closed.
        static constexpr std::string_view busy =
            "HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: "
            "text/plain\r\nContent-Length: 39\r\n\r\n"
            "too many connections from this address\n";
        auto sock = std::make_shared<plain_socket>(std::move(s));
        sock->non_blocking(true, ignored);
        (void)sock->write_some(asio::buffer(busy.data(), busy.size()), ignored);  // fits the send buffer
        sock->shutdown(plain_socket::shutdown_both, ignored);
        sock->close(ignored);
      }
      return self->accept();
    }
    s.set_option(tcp::no_delay(true), ignored);
    if (self->tls)
      std::make_shared<http_conn<tls_stream>>(self, tls_stream(plain_stream(std::move(s)), *self->tls), ip,
                                              std::move(adm))
          ->start();
    else
      std::make_shared<http_conn<plain_stream>>(self, plain_stream(std::move(s)), ip, std::move(adm))
          ->start();
    self->accept();
  });
}

void relay_server::state::accept_metrics() {
  metrics_acceptor.async_accept(
      io.get_executor(), [self = shared_from_this()](beast::error_code ec, plain_socket s) {
        if (ec == asio::error::operation_aborted || self->stopping) return;
        if (ec) return self->after_pause(self->metrics_backoff, &state::accept_metrics);
        // The operator's loopback listener: outside the public budgets.
        beast::error_code ignored;
        const auto ip = s.remote_endpoint(ignored).address().to_string();
        std::make_shared<http_conn<plain_stream>>(self, plain_stream(std::move(s)), ip, admission(self), true)
            ->start();
        self->accept_metrics();
      });
}

relay_server::relay_server(asio::io_context& io, asio::ssl::context* tls, const tcp::endpoint& at,
                           relay_options opts, std::ostream& log)
    : state_(std::make_shared<state>(io, tls, at, std::move(opts), log)) {
  state_->accept();
  if (state_->opts.metrics_endpoint) state_->accept_metrics();
}

relay_server::~relay_server() {
  // Once the io_context has stopped (its thread gone), what is left — connections torn down with
  // its handlers — belongs to the thread that ends it.
  if (state_->io.stopped()) state_->io_thread.adopt();
  beast::error_code ec;
  state_->acceptor.close(ec);
  state_->metrics_acceptor.close(ec);
}

unsigned short relay_server::port() const {
  return state_->acceptor.local_endpoint().port();
}

unsigned short relay_server::metrics_port() const {
  if (!state_->metrics_acceptor.is_open()) return 0;
  beast::error_code ec;
  return state_->metrics_acceptor.local_endpoint(ec).port();
}

const relay_metrics& relay_server::metrics() const {
  return state_->m;
}

polling_time& relay_server::polling() {
  return state_->m.polling;
}

std::string relay_server::metrics_text() const {
  return state_->metrics_text();
}

void relay_server::shutdown(std::chrono::seconds grace, std::function<void()> done) {
  state_->stopping = true;
  beast::error_code ec;
  state_->acceptor.close(ec);
  state_->metrics_acceptor.close(ec);
  for (auto& p : state_->all_peers()) p->close(ws::close_code::going_away);
  auto timer = std::make_shared<asio::steady_timer>(state_->io);
  auto deadline = std::chrono::steady_clock::now() + grace;
  auto poll = std::make_shared<std::function<void()>>();
  *poll = [st = state_, timer, deadline, done = std::move(done), poll]() {
    if (!st->first_peer || std::chrono::steady_clock::now() >= deadline) {
      for (auto& p : st->all_peers()) p->kill();
      done();
      *poll = nullptr;  // break the self-reference
      return;
    }
    timer->expires_after(std::chrono::milliseconds(50));
    timer->async_wait([poll](beast::error_code) {
      if (*poll) (*poll)();
    });
  };
  (*poll)();
}

}  // namespace eimza::relay
