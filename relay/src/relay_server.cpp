#include "relay/relay_server.hpp"
#include "relay/single_thread.hpp"

#include <openssl/crypto.h>

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
#include <boost/beast/websocket/ssl.hpp>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "relay/proxy_header.hpp"
#include "relay/relay_path.hpp"
#include "relay/static_files.hpp"

namespace eimza::relay {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

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
  virtual void send(std::shared_ptr<const std::string> msg) = 0;
  virtual void close(websocket::close_code code) = 0;
  virtual void kill() = 0;            // hard close, no handshake
  virtual void resume_reading() = 0;  // the partner's queue drained
  [[nodiscard]] virtual std::size_t queued_bytes() const = 0;
};

// The channel owns its peers: a peer that is paused (no read or write pending) must stay alive.
struct channel {
  std::shared_ptr<peer> bridge, phone;
  std::shared_ptr<asio::steady_timer> ttl;
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
  std::unordered_map<std::string, channel> channel_table;
  // Only addresses with something counted: connections outside channels, channels opened.
  std::unordered_map<std::string, std::size_t> address_counts, channel_counts;
  single_thread io_thread;
  std::unordered_map<std::string, channel>& channels() {
    io_thread.check("the relay's channel table");
    return channel_table;
  }
  const std::unordered_map<std::string, channel>& channels() const {
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
  std::set<std::weak_ptr<peer>, std::owner_less<std::weak_ptr<peer>>> peers;
  static_files files;
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
  static std::string short_id(const std::string& ch) {
    return ch.substr(0, 8) + "…";
  }

  // Leaves the channel: the partner is told with 1001 and the channel ends.
  void leave(const std::string& ch, const peer* who) {
    auto it = channels().find(ch);
    if (it == channels().end()) return;
    auto& c = it->second;
    auto b = c.bridge;
    auto p = c.phone;
    if (b.get() != who && p.get() != who) return;
    if (c.ttl) c.ttl->cancel();
    channels().erase(it);
    m.channels_current = channels().size();
    if (b && b.get() != who) b->close(websocket::close_code::going_away);
    if (p && p.get() != who) p->close(websocket::close_code::going_away);
  }

  [[nodiscard]] std::shared_ptr<peer> partner_of(const std::string& ch, const peer* who) const {
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

template <class Stream>
void hard_close(Stream& s) {
  beast::error_code ec;
  beast::get_lowest_layer(s).socket().shutdown(tcp::socket::shutdown_both, ec);
  beast::get_lowest_layer(s).socket().close(ec);
}

template <class Stream>
class ws_peer final : public peer {
 public:
  ws_peer(std::shared_ptr<relay_server::state> st, websocket::stream<Stream> ws, std::string ch,
          peer_role role, std::string ip, admission adm)
      : st_(std::move(st)),
        ws_(std::move(ws)),
        ch_(std::move(ch)),
        role_(role),
        ip_(std::move(ip)),
        admission_(std::move(adm)),
        write_timer_(ws_.get_executor()),
        close_timer_(ws_.get_executor()) {}

  ~ws_peer() override {
    st_->peers.erase(weak_from_this());
    // The last peer gone: hand freed heap back to the system, so an idle relay is small again
    // after a burst (glibc keeps it otherwise).
    if (--st_->m.connections_current == 0) {
#ifdef __GLIBC__
      malloc_trim(0);
#endif
    }
  }

  template <class Request>
  void start(const Request& req) {
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout t{};
    t.handshake_timeout = std::chrono::seconds(10);
    t.idle_timeout = st_->opts.idle_timeout;
    t.keep_alive_pings = true;  // a ping at half the idle timeout
    ws_.set_option(t);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::sec_websocket_protocol, subprotocol); }));
    ws_.read_message_max(st_->opts.max_frame);
    ws_.binary(true);
    ws_.auto_fragment(false);  // forward each message as the one frame it is
    ws_.async_accept(req, [self = shared()](beast::error_code ec) { self->on_accept(ec); });
  }

  void send(std::shared_ptr<const std::string> msg) override {
    if (closing_) return;
    queued_ += msg->size();
    queue_.push_back(std::move(msg));
    if (!writing_) do_write();
  }

  void close(websocket::close_code code) override {
    if (closing_) return;
    closing_ = true;
    close_code_ = code;
    if (!writing_) do_close();
  }

  void kill() override {
    closing_ = true;
    closing_and_killed_ = true;
    write_timer_.cancel();
    hard_close(ws_.next_layer());
  }

  void resume_reading() override {
    if (paused_ && !closing_) {
      paused_ = false;
      do_read();
    }
  }

  [[nodiscard]] std::size_t queued_bytes() const override {
    return queued_;
  }

 private:
  std::shared_ptr<ws_peer> shared() {
    return std::static_pointer_cast<ws_peer>(shared_from_this());
  }

  void on_accept(beast::error_code ec) {
    if (ec) return gone();  // handshake failed: give the reserved slot back
    auto& c = st_->channels()[ch_];
    st_->peers.insert(shared());
    st_->m.channels_current = st_->channels().size();
    if (!c.ttl) {
      c.ttl = std::make_shared<asio::steady_timer>(st_->io, st_->opts.channel_ttl);
      c.ttl->async_wait([st = st_, ch = ch_](beast::error_code e) {
        if (e) return;
        ++st->m.closed_ttl;
        st->note("channel " + relay_server::state::short_id(ch) + " reached its TTL");
        auto it = st->channels().find(ch);
        if (it == st->channels().end()) return;
        auto b = it->second.bridge;
        auto p = it->second.phone;
        st->channels().erase(it);
        st->m.channels_current = st->channels().size();
        if (b) b->close(websocket::close_code::going_away);
        if (p) p->close(websocket::close_code::going_away);
      });
    }
    if (!c.paired && c.bridge && c.phone) {
      c.paired = true;
      ++st_->m.paired_total;
    }
    st_->note(std::string(role_ == peer_role::bridge ? "bridge" : "phone") + " joined channel " +
              relay_server::state::short_id(ch_) + " from " + ip_);
    do_read();
  }

  void do_read() {
    ws_.async_read(buffer_, [self = shared()](beast::error_code ec, std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(beast::error_code ec, std::size_t n) {
    if (ec) {
      if (ec == websocket::error::message_too_big) ++st_->m.closed_oversize;  // Beast answers 1009 itself
      return gone();
    }
    if (!ws_.got_binary()) {
      ++st_->m.closed_text_frame;
      buffer_.consume(n);
      close(websocket::close_code::bad_payload);  // 1007: BridgeLink is binary only
      return gone();
    }
    auto partner = st_->partner_of(ch_, this);
    if (!partner) {
      buffer_.consume(n);
      close(websocket::close_code::policy_error);  // nobody to talk to yet
      return gone();
    }
    auto msg = std::make_shared<const std::string>(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(n);
    ++st_->m.messages_forwarded;
    st_->m.bytes_forwarded += msg->size();
    partner->send(std::move(msg));
    // Backpressure: a slow reader on the other side stops us reading, so memory stays bounded.
    if (partner->queued_bytes() > st_->opts.queue_high_water) {
      paused_ = true;
      return;
    }
    do_read();
  }

  void do_write() {
    writing_ = true;
    write_started_ = std::chrono::steady_clock::now();
    if (!watchdog_armed_) arm_watchdog(st_->opts.write_timeout);
    ws_.async_write(asio::buffer(*queue_.front()),
                    [self = shared()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  // One timer per write_timeout while busy, not one per message (arming a timer per write cost
  // two syscalls a message): a write pending for write_timeout means the peer stopped reading.
  void arm_watchdog(std::chrono::steady_clock::duration after) {
    watchdog_armed_ = true;
    write_timer_.expires_after(after);
    write_timer_.async_wait([self = shared()](beast::error_code ec) {
      self->watchdog_armed_ = false;
      if (ec || !self->writing_ || self->closing_and_killed_) return;
      const auto pending = std::chrono::steady_clock::now() - self->write_started_;
      if (pending < self->st_->opts.write_timeout)
        return self->arm_watchdog(self->st_->opts.write_timeout - pending);
      ++self->st_->m.closed_slow_peer;
      self->st_->note("closing a peer that stopped reading on channel " +
                      relay_server::state::short_id(self->ch_));
      self->kill();
    });
  }

  void on_write(beast::error_code ec) {
    writing_ = false;
    if (ec) return gone();
    queued_ -= queue_.front()->size();
    queue_.pop_front();
    if (queued_ < st_->opts.queue_low_water)
      if (auto partner = st_->partner_of(ch_, this)) partner->resume_reading();
    if (closing_) return do_close();
    if (!queue_.empty()) do_write();
  }

  void do_close() {
    close_timer_.expires_after(std::chrono::seconds(5));
    close_timer_.async_wait([self = shared()](beast::error_code ec) {
      if (!ec) self->kill();
    });
    ws_.async_close(close_code_, [self = shared()](beast::error_code) {
      self->close_timer_.cancel();
      self->write_timer_.cancel();
    });
  }

  void gone() {
    write_timer_.cancel();  // the watchdog must not keep a departed peer alive
    if (left_) return;
    left_ = true;
    st_->leave(ch_, this);
  }

  std::shared_ptr<relay_server::state> st_;
  websocket::stream<Stream> ws_;
  std::string ch_;
  peer_role role_;
  std::string ip_;
  admission admission_;
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_ = 0;
  asio::steady_timer write_timer_, close_timer_;
  std::chrono::steady_clock::time_point write_started_{};
  bool writing_ = false, paused_ = false, closing_ = false, left_ = false, watchdog_armed_ = false,
       closing_and_killed_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;
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
    if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
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
        res.body() = render_metrics(st_->m);
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
    auto p = std::make_shared<ws_peer<Stream>>(st_, websocket::stream<Stream>(std::move(stream_)),
                                               target.channel, target.role, ip, std::move(admission_));
    // Reserve the slot now: a second peer racing the handshake is refused.
    auto& c = st_->channels()[target.channel];
    (target.role == peer_role::bridge ? c.bridge : c.phone) = p;
    st_->m.channels_current = st_->channels().size();
    p->start(req);
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
  return o.str();
}

}  // namespace

void relay_server::state::accept() {
  acceptor.async_accept(io.get_executor(), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
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
        auto sock = std::make_shared<tcp::socket>(std::move(s));
        sock->non_blocking(true, ignored);
        (void)sock->write_some(asio::buffer(busy.data(), busy.size()), ignored);  // fits the send buffer
        sock->shutdown(tcp::socket::shutdown_both, ignored);
        sock->close(ignored);
      }
      return self->accept();
    }
    s.set_option(tcp::no_delay(true), ignored);
    if (self->tls)
      std::make_shared<http_conn<beast::ssl_stream<beast::tcp_stream>>>(
          self, beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(s)), *self->tls), ip,
          std::move(adm))
          ->start();
    else
      std::make_shared<http_conn<beast::tcp_stream>>(self, beast::tcp_stream(std::move(s)), ip,
                                                     std::move(adm))
          ->start();
    self->accept();
  });
}

void relay_server::state::accept_metrics() {
  metrics_acceptor.async_accept(io.get_executor(),
                                [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
                                  if (ec == asio::error::operation_aborted || self->stopping) return;
                                  if (ec)
                                    return self->after_pause(self->metrics_backoff, &state::accept_metrics);
                                  // The operator's loopback listener: outside the public budgets.
                                  beast::error_code ignored;
                                  const auto ip = s.remote_endpoint(ignored).address().to_string();
                                  std::make_shared<http_conn<beast::tcp_stream>>(
                                      self, beast::tcp_stream(std::move(s)), ip, admission(self), true)
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

std::string relay_server::metrics_text() const {
  return render_metrics(state_->m);
}

void relay_server::shutdown(std::chrono::seconds grace, std::function<void()> done) {
  state_->stopping = true;
  beast::error_code ec;
  state_->acceptor.close(ec);
  state_->metrics_acceptor.close(ec);
  for (const auto& w : state_->peers)
    if (auto p = w.lock()) p->close(websocket::close_code::going_away);
  auto timer = std::make_shared<asio::steady_timer>(state_->io);
  auto deadline = std::chrono::steady_clock::now() + grace;
  auto poll = std::make_shared<std::function<void()>>();
  *poll = [st = state_, timer, deadline, done = std::move(done), poll]() {
    bool any = false;
    for (const auto& w : st->peers) any = any || !w.expired();
    if (!any || std::chrono::steady_clock::now() >= deadline) {
      for (const auto& w : st->peers)
        if (auto p = w.lock()) p->kill();
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
