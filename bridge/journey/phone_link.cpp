#include "journey/phone_link.hpp"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "bridgelink/derive.hpp"
#include "bridgelink/link_session.hpp"
#include "journey/link_error.hpp"
#include "net/system_trust.hpp"
#include "relay/relay_path.hpp"

namespace eimza::journey {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace bl = bridgelink;
using tcp = asio::ip::tcp;

namespace {
bl::link_timing timing_of(const phone_link::options& o) {
  bl::link_timing t;
  t.resume_wait_ms = static_cast<std::uint64_t>(std::chrono::milliseconds(o.resume_wait).count());
  t.relay_retry_ms = static_cast<std::uint64_t>(o.relay_retry.count());
  return t;
}
std::uint64_t now_ms() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count());
}
}  // namespace

// Everything below runs on `strand`, except the members under `m`, which the journey thread
// reads and writes through the public calls. Which sockets to open and close after a drop, and
// when to give up, is the link session's (bridgelink/link_session.hpp); this is its driver.
struct phone_link::impl : std::enable_shared_from_this<phone_link::impl> {
  using strand_type = asio::strand<asio::io_context::executor_type>;

  // One WebSocket to the relay: the pairing channel (counter 0) or a resume channel.
  using plain_ws = websocket::stream<beast::tcp_stream>;
  using tls_ws = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;
  struct conn {
    conn(const strand_type& s, std::uint32_t n, asio::ssl::context* tls) : counter(n) {
      if (tls)
        secure = std::make_unique<tls_ws>(s, *tls);
      else
        plain = std::make_unique<plain_ws>(s);
    }
    // Calls f with whichever WebSocket this is.
    template <class F>
    decltype(auto) with(F&& f) {
      return plain ? f(*plain) : f(*secure);
    }
    beast::tcp_stream& tcp() {
      return plain ? beast::get_lowest_layer(*plain) : beast::get_lowest_layer(*secure);
    }
    std::unique_ptr<plain_ws> plain;
    std::unique_ptr<tls_ws> secure;
    beast::flat_buffer buffer;
    std::deque<std::shared_ptr<bl::bytes>> outbox;
    bool writing = false, close_requested = false, gone = false;
    std::uint32_t counter;
    std::optional<bl::link_handshake> hs;  // until the phone's msg1 is answered
  };
  using conn_ptr = std::shared_ptr<conn>;

  strand_type strand;
  endpoint relay;
  bl::noise::keypair bridge_static;
  bl::qr_ticket ticket;
  bl::ready_body ready;
  options opt;
  bl::link_session session;
  asio::steady_timer session_timer;  // the session's wake_at()
  asio::steady_timer closing_timer;  // the bye's acknowledgement, then the last flush
  conn_ptr pairing;                  // the QR's channel, until the link ends
  conn_ptr active;
  std::vector<conn_ptr> listeners;  // resume channels being listened on
  bl::secret_array<32> resume_key;
  bl::noise::hash_value pairing_hash{};

  mutable std::mutex m;
  std::condition_variable cv;
  std::deque<bl::message> inbox;
  std::optional<bl::secure_channel> channel;
  std::uint64_t epoch = 0;  // key generation: a packet sealed under older keys is never written
  std::string sas;
  std::error_code error;  // why the link ended (link_errc), empty for a normal end
  std::string error_detail;
  bool paired = false, closed = false, is_connected = false, ending = false;
  bool finished = false;  // sockets closed: nothing more goes out
  bool bye_acked = false;
  std::uint64_t restart_count = 0;
  std::function<void()> on_end_cb;
  std::mutex change_m;  // only for on_change_cb: changed() runs with or without m held
  std::function<void()> on_change_cb;
  // Proxy tunnels being opened (the opener blocks: libcurl signs in to the proxy on a thread of
  // its own, then the socket comes back here); cancelled and joined when the link goes.
  struct tunnel_worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
  };
  std::vector<tunnel_worker> tunnel_workers;
  std::shared_ptr<std::atomic<bool>> tunnels_cancelled = std::make_shared<std::atomic<bool>>(false);

  impl(asio::io_context& io, endpoint r, const bl::noise::keypair& s, bl::qr_ticket t, bl::ready_body rd,
       options o)
      : strand(asio::make_strand(io)),
        relay(std::move(r)),
        bridge_static(s),
        ticket(std::move(t)),
        ready(std::move(rd)),
        opt(o),
        session(bl::link_role::bridge, timing_of(o)),
        session_timer(strand),
        closing_timer(strand) {}

  ~impl() {
    *tunnels_cancelled = true;
    for (auto& w : tunnel_workers) w.thread.join();
  }

  // The link has ended for the journey (closed() is true, receive() returns); a last message may
  // still be on its way out. Runs the on_end callback once.
  // Why something ended: a link_errc and, for logs, what the library said.
  struct reason {
    std::error_code code;
    std::string detail;
  };

  // Whoever waits on the link hears of it: its own blocking calls, and the journey's wakeup.
  void changed() {
    cv.notify_all();
    std::lock_guard lk(change_m);
    if (on_change_cb) on_change_cb();
  }

  void mark_closed(const reason& why) {
    std::function<void()> cb;
    {
      std::lock_guard lk(m);
      if (!error && why.code) error = why.code, error_detail = why.detail;
      is_connected = false;
      if (!closed) cb = std::move(on_end_cb);
      closed = true;
    }
    changed();
    if (cb) cb();
  }

  // Ended: every socket closed at once.
  void end(const reason& why = {}) {
    mark_closed(why);
    (void)session.close();  // every socket is dropped below
    session_timer.cancel();
    closing_timer.cancel();
    for (auto& c : listeners) drop(c);
    listeners.clear();
    if (active) drop(active);
    active.reset();
    if (pairing) drop(pairing);
    pairing.reset();
    {
      std::lock_guard lk(m);
      finished = true;
    }
    changed();
  }

  // Ended, but what is queued on c and `last` (an error, an ack, a bye) go out first, then a
  // WebSocket close; at most 2 s, then the sockets are dropped anyway.
  void end_after_flush(const conn_ptr& c, const reason& why, std::vector<bl::bytes> last = {}) {
    mark_closed(why);
    for (auto& b : last) write(c, std::make_shared<bl::bytes>(std::move(b)));
    (void)session.close();
    session_timer.cancel();
    for (auto& l : listeners)
      if (l != c) drop(l);
    listeners.clear();
    if (c->gone) return end();
    c->close_requested = true;
    if (!c->writing && c->outbox.empty()) do_close(c);
    closing_timer.expires_after(std::chrono::seconds(2));
    closing_timer.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->end();
    });
  }

  static void drop(const conn_ptr& c) {
    c->gone = true;
    beast::error_code ec;
    c->tcp().socket().close(ec);
  }

  bool ended() const {
    std::lock_guard lk(m);
    return closed;
  }

  // Opens the pairing channel (counter 0) or resume channel `counter` on the relay.
  void open(std::uint32_t counter) {
    auto c = std::make_shared<conn>(strand, counter, relay.tls.get());
    bl::channel_id id{};
    if (counter == 0) {
      auto r = bl::link_handshake::pairing_responder(bridge_static, ticket.payload);
      if (!r) return end({link_errc::bad_ticket, {}});
      c->hs.emplace(std::move(*r));
      id = ticket.keys.id;
      pairing = c;
    } else {
      auto r = bl::link_handshake::resume(false, resume_key, counter, pairing_hash);
      if (!r) return end({link_errc::resume_failed, "resume not possible"});
      c->hs.emplace(std::move(*r));
      id = bl::derive_resume_keys(resume_key, counter).id;
      listeners.push_back(c);
    }
    // Through a proxy (institutions): the tunnel's opener signs in to it and connects.
    if (!relay.proxy.empty()) return tunnel(c, id);
    auto self = shared_from_this();
    auto resolver = std::make_shared<tcp::resolver>(strand);
    resolver->async_resolve(relay.host, std::to_string(relay.port),
                            [self, c, id, resolver](beast::error_code ec, tcp::resolver::results_type found) {
                              if (ec) return self->lost(c, {link_errc::relay_not_found, ec.message()});
                              c->tcp().expires_after(std::chrono::seconds(10));
                              c->tcp().async_connect(
                                  found, [self, c, id](beast::error_code e, const tcp::endpoint&) {
                                    if (e) return self->lost(c, {link_errc::relay_unreachable, e.message()});
                                    self->secure(c, id);
                                  });
                            });
  }

  // HTTP CONNECT through the proxy to the relay, signed in as the proxy asks (net/proxy_tunnel):
  // on a worker thread, since the opener blocks; the socket it gives is c's from then on. A
  // refusal ends the link as the proxy's, with its status in the log.
  void tunnel(const conn_ptr& c, const bl::channel_id& id) {
    if (!relay.tunnel) return end({link_errc::relay_proxy, "no proxy tunnel: the HTTP module is missing"});
    std::erase_if(tunnel_workers, [](tunnel_worker& w) {
      if (!*w.done) return false;
      w.thread.join();
      return true;
    });
    net::tunnel_request req{relay.proxy, relay.host, relay.port, std::chrono::seconds(10)};
    auto& w = tunnel_workers.emplace_back();
    w.thread = std::thread([weak = weak_from_this(), ex = strand, c, id, req = std::move(req),
                            open = relay.tunnel, cancelled = tunnels_cancelled, done = w.done]() mutable {
      auto r = open(req, *cancelled);
      asio::post(ex, [weak, c = std::move(c), id, r = std::move(r)] {
        auto& socket = c->tcp().socket();
        beast::error_code ec;
        if (r.socket != -1)
          socket.assign(r.ipv6 ? tcp::v6() : tcp::v4(),
                        static_cast<tcp::socket::native_handle_type>(r.socket), ec);
        auto self = weak.lock();
        if (!self || c->gone) return drop(c);
        using failure = net::tunnel_result::failure;
        if (r.why == failure::bad_proxy) return self->end({link_errc::relay_proxy, r.detail});
        if (r.why == failure::refused) return self->lost(c, {link_errc::relay_proxy, r.detail});
        if (r.why == failure::proxy_not_found)
          return self->lost(c, {link_errc::relay_not_found, "proxy: " + r.detail});
        if (r.why != failure::none || ec)
          return self->lost(c, {link_errc::relay_unreachable, "proxy: " + (ec ? ec.message() : r.detail)});
        c->tcp().expires_after(std::chrono::seconds(10));  // TLS and the upgrade, as on a direct connection
        self->secure(c, id);
      });
      *done = true;
    });
  }

  // TLS to the relay (host name verified) when it is wss://, then the upgrade.
  void secure(const conn_ptr& c, const bl::channel_id& id) {
    if (!c->secure) return upgrade(c, id);
    auto& tls = c->secure->next_layer();
    if (!SSL_set_tlsext_host_name(tls.native_handle(), relay.host.c_str()))
      return lost(c, {link_errc::relay_tls, "TLS setup failed"});
    tls.set_verify_callback(asio::ssl::host_name_verification(relay.host));
    tls.async_handshake(asio::ssl::stream_base::client,
                        [self = shared_from_this(), c, id](beast::error_code he) {
                          if (he) return self->lost(c, {link_errc::relay_tls, he.message()});
                          self->upgrade(c, id);
                        });
  }

  // The WebSocket upgrade on /v1/new/<channel>.
  void upgrade(const conn_ptr& c, const bl::channel_id& id) {
    c->tcp().expires_never();
    c->with([&](auto& ws) {
      ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
      ws.set_option(
          websocket::stream_base::decorator([credential = relay.credential](websocket::request_type& r) {
            r.set(beast::http::field::sec_websocket_protocol, "bridgelink.v1");
            if (!credential.empty()) r.set(relay::bridge_credential_header, credential);
          }));
      ws.read_message_max(65536);
      ws.binary(true);
      ws.async_handshake(relay.host, "/v1/new/" + bl::to_hex(id),
                         [self = shared_from_this(), c](beast::error_code e) {
                           if (e) return self->lost(c, {link_errc::relay_refused, e.message()});
                           self->read(c);
                         });
    });
  }

  void read(const conn_ptr& c) {
    c->with([&](auto& ws) {
      ws.async_read(c->buffer, [self = shared_from_this(), c](beast::error_code ec, std::size_t n) {
        if (c->gone) return;
        if (ec)
          return self->lost(c, ec == websocket::error::closed
                                   ? reason{link_errc::phone_left, {}}
                                   : reason{link_errc::connection_lost, ec.message()});
        const std::string data = beast::buffers_to_string(c->buffer.data());
        c->buffer.consume(n);
        self->on_message(c, bl::byte_view(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
        if (!c->gone) self->read(c);
      });
    });
  }

  // A WebSocket ended without a bye.
  void lost(const conn_ptr& c, const reason& why) {
    const bool was_gone = c->gone;
    drop(c);
    if (was_gone || ended()) return;
    {
      std::unique_lock lk(m);
      if (ending) {
        lk.unlock();
        return end();
      }
    }
    if (c == active) {
      active.reset();
      {
        std::lock_guard lk(m);
        is_connected = false;
      }
      changed();
    } else {
      std::erase(listeners, c);
    }
    apply(session.lost(c->counter, now_ms()), why);
  }

  // Carries out what the link session decided; `why` says what failed when it gives up because
  // the pairing socket closed.
  void apply(const bl::link_actions& a, const reason& why = {}) {
    for (auto n : a.close)
      std::erase_if(listeners, [n](const conn_ptr& l) {
        if (l->counter != n) return false;
        drop(l);
        return true;
      });
    for (auto n : a.open) open(n);
    switch (a.end) {
      case bl::link_end::none: break;
      case bl::link_end::never_paired: return end(why);  // pairing never happened: nothing to resume
      case bl::link_end::not_back: return end({link_errc::phone_not_back, {}});
      case bl::link_end::resume_failed: return end({link_errc::resume_failed, "too often"});
      case bl::link_end::closed: return end();
    }
    arm_session_timer();
  }

  void arm_session_timer() {
    const auto at = session.wake_at();
    if (!at) {
      session_timer.cancel();
      return;
    }
    const auto now = now_ms();
    session_timer.expires_after(std::chrono::milliseconds(*at > now ? *at - now : 0));
    session_timer.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && !self->ended()) self->apply(self->session.tick(now_ms()));
    });
  }

  void on_message(const conn_ptr& c, bl::byte_view data) {
    if (c->hs) return c->counter == 0 ? on_pairing(c, data) : on_resume(c, data);
    if (c != active) return;
    std::unique_lock lk(m);
    if (!channel || closed) return;
    // Read where it was decrypted: only what the journey takes is copied (into its inbox, for
    // its thread); acks and pings are not.
    auto got = channel->receive_view(data);
    if (!got) {
      // The phone is told why, in a message it can read, before the socket closes.
      auto last = channel->send_error(got.error());
      lk.unlock();
      std::vector<bl::bytes> out;
      if (last) out.push_back(std::move(*last));
      return end_after_flush(c, {link_errc::channel_error, std::string(bl::code_name(got.error()))},
                             std::move(out));
    }
    std::optional<bl::bytes> ack;
    bool peer_ended = false;
    if (*got) {
      const auto type = (**got)->type;
      if (type != bl::message_type::ack && type != bl::message_type::ping)
        inbox.push_back(bl::to_owned(***got));
      peer_ended = type == bl::message_type::bye || type == bl::message_type::error;
      got->reset();  // its plaintext wiped now
    }
    // Our bye is acknowledged: nothing left to say.
    const bool our_bye_acked = ending && !bye_acked && channel->unacknowledged() == 0;
    if (our_bye_acked) bye_acked = true;
    if (channel->ack_due()) {  // also the one ack of the phone's bye/error
      if (auto a = channel->send(bl::make_ack())) ack = std::move(*a);
    }
    lk.unlock();
    changed();
    if (peer_ended || our_bye_acked) {
      std::vector<bl::bytes> out;
      if (ack) out.push_back(std::move(*ack));
      return end_after_flush(c, {}, std::move(out));
    }
    if (ack) write(c, std::make_shared<bl::bytes>(std::move(*ack)));
  }

  // msg1 on the pairing channel: one handshake per QR; a failure ends this link (no oracle).
  void on_pairing(const conn_ptr& c, bl::byte_view data) {
    auto hello = c->hs->read(data);
    if (!hello) return end({link_errc::pairing_failed, std::string(bl::code_name(hello.error()))});
    auto msg2 = c->hs->write(bl::make_ready(ready));
    auto secrets = msg2 ? c->hs->finish() : bl::result<bl::session_secrets>(msg2.error());
    if (!secrets) return end({link_errc::pairing_failed, {}});
    c->hs.reset();
    if (opt.claim && !opt.claim->take()) {
      // Another phone completed its handshake first on a code of this rotation: this one gets
      // its msg2 and, in its own channel, the reason; it never becomes the journey's phone.
      bl::secure_channel refused(std::move(secrets->keys));
      auto bye = refused.send(bl::make_bye("already_paired"));
      std::vector<bl::bytes> out;
      out.push_back(std::move(*msg2));
      if (bye) out.push_back(std::move(*bye));
      return end_after_flush(c, {link_errc::already_paired, {}}, std::move(out));
    }
    resume_key = secrets->resume_key;
    pairing_hash = secrets->handshake_hash;
    apply(session.paired(now_ms()));
    active = c;
    {
      std::lock_guard lk(m);
      channel.emplace(std::move(secrets->keys));
      sas = secrets->sas;
      paired = true;
      is_connected = true;
    }
    changed();
    write(c, std::make_shared<bl::bytes>(std::move(*msg2)));
  }

  // msg1 on resume channel n: continue the channel, or start a fresh one after a page reload.
  void on_resume(const conn_ptr& c, bl::byte_view data) {
    (void)session.hello(c->counter);  // this counter is used, whatever happens
    auto hello = c->hs->read(data);
    bl::result<bl::bytes> msg2 =
        hello ? c->hs->write(bl::make_ready(ready)) : bl::result<bl::bytes>(hello.error());
    auto secrets = msg2 ? c->hs->finish() : bl::result<bl::session_secrets>(msg2.error());
    if (!secrets) {
      return apply(session.resume_failed(c->counter, now_ms()));
    }
    c->hs.reset();
    const bool restart = std::get<bl::hello_body>(hello->body).restart;
    std::vector<bl::bytes> again;
    std::string failed;
    {
      std::lock_guard lk(m);
      if (!channel || closed) return;
      ++epoch;
      if (restart) {
        channel.emplace(std::move(secrets->keys));
        ++restart_count;
      } else {
        auto r = channel->resume(std::move(secrets->keys));
        if (r)
          again = std::move(*r);
        else
          failed = std::string(bl::code_name(r.error()));
      }
      if (failed.empty()) is_connected = true;
    }
    if (!failed.empty()) return end({link_errc::resume_failed, failed});
    std::erase(listeners, c);
    apply(session.resumed(c->counter, now_ms()));
    active = c;
    changed();
    write(c, std::make_shared<bl::bytes>(std::move(*msg2)));
    for (auto& p : again) write(c, std::make_shared<bl::bytes>(std::move(p)));
  }

  void write(const conn_ptr& c, std::shared_ptr<bl::bytes> data) {
    c->outbox.push_back(std::move(data));
    if (!c->writing) do_write(c);
  }

  void do_write(const conn_ptr& c) {
    if (c->gone) return;
    c->writing = true;
    c->with([&](auto& ws) {
      ws.async_write(asio::buffer(*c->outbox.front()),
                     [self = shared_from_this(), c](beast::error_code ec, std::size_t) {
                       c->writing = false;
                       if (ec) return self->lost(c, {link_errc::connection_lost, ec.message()});
                       c->outbox.pop_front();
                       if (!c->outbox.empty()) return self->do_write(c);
                       if (c->close_requested) self->do_close(c);
                     });
    });
  }

  // Only when no write is pending: a close is a write for Beast.
  void do_close(const conn_ptr& c) {
    if (c->gone) return end();
    c->writing = true;
    c->with([&](auto& ws) {
      ws.async_close(websocket::close_code::normal, [self = shared_from_this(), c](beast::error_code) {
        c->gone = true;
        self->end();
      });
    });
  }
};

std::shared_ptr<asio::ssl::context> phone_link::client_tls(const std::string& ca_file) {
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  ctx->set_verify_mode(asio::ssl::verify_peer);
  if (ca_file.empty())
    net::use_system_trust(ctx->native_handle());  // Windows: its certificate stores
  else
    ctx->load_verify_file(ca_file);  // throws on a missing or unreadable file: checked by the caller
  return ctx;
}

phone_link::phone_link(asio::io_context& io, endpoint relay, const bl::noise::keypair& bridge_static,
                       bl::qr_ticket ticket, bl::ready_body ready, options opt)
    : impl_(std::make_shared<impl>(io, std::move(relay), bridge_static, std::move(ticket), std::move(ready),
                                   opt)) {}

phone_link::~phone_link() {
  close("bridge stopped");
  {
    std::lock_guard lk(impl_->m);
    impl_->on_end_cb = nullptr;
  }
  on_change({});
}

void phone_link::on_change(std::function<void()> f) {
  std::lock_guard lk(impl_->change_m);
  impl_->on_change_cb = std::move(f);
}

void phone_link::start() {
  asio::dispatch(impl_->strand, [i = impl_] { i->apply(i->session.start(now_ms())); });
}

std::string phone_link::wait_paired(std::chrono::milliseconds timeout) {
  std::unique_lock lk(impl_->m);
  impl_->cv.wait_for(lk, timeout, [&] { return impl_->paired || impl_->closed; });
  return impl_->paired ? impl_->sas : std::string();
}

void phone_link::send(bl::message msg) {
  std::unique_lock lk(impl_->m);
  if (!impl_->channel || impl_->closed) return;
  auto sealed = impl_->channel->send(std::move(msg));
  if (!sealed) return;  // outbox full or nonce exhausted: the journey's wait times out
  const auto epoch = impl_->epoch;
  lk.unlock();
  // While the phone is away a reliable message waits in the channel's outbox and is resent
  // (under the new keys) when the phone resumes; this sealed copy is then stale.
  asio::dispatch(impl_->strand, [i = impl_, epoch, data = std::make_shared<bl::bytes>(std::move(*sealed))] {
    {
      std::lock_guard l(i->m);
      if (epoch != i->epoch) return;
    }
    if (i->active && !i->active->gone) i->write(i->active, data);
  });
}

std::optional<bl::message> phone_link::try_receive() {
  std::lock_guard lk(impl_->m);
  if (impl_->inbox.empty()) return std::nullopt;
  auto msg = std::move(impl_->inbox.front());
  impl_->inbox.pop_front();
  return msg;
}

bool phone_link::closed() const {
  return impl_->ended();
}

bool phone_link::connected() const {
  std::lock_guard lk(impl_->m);
  return impl_->is_connected;
}

std::uint64_t phone_link::restarts() const {
  std::lock_guard lk(impl_->m);
  return impl_->restart_count;
}

bool phone_link::paired() const {
  std::lock_guard lk(impl_->m);
  return impl_->paired;
}

bool phone_link::bye_acknowledged() const {
  std::lock_guard lk(impl_->m);
  return impl_->bye_acked;
}

void phone_link::on_end(std::function<void()> f) {
  bool now = false;
  {
    std::lock_guard lk(impl_->m);
    if (impl_->closed)
      now = f != nullptr;
    else
      impl_->on_end_cb = f;
  }
  if (now) f();
}

std::string phone_link::last_error() const {
  std::lock_guard lk(impl_->m);
  if (!impl_->error) return {};
  return impl_->error.message() + (impl_->error_detail.empty() ? "" : ": " + impl_->error_detail);
}

std::error_code phone_link::error() const {
  std::lock_guard lk(impl_->m);
  return impl_->error;
}

void phone_link::close(const std::string& reason) {
  {
    std::lock_guard lk(impl_->m);
    if (impl_->closed || impl_->ending) return;
    impl_->ending = true;
  }
  send(bl::make_bye(reason.substr(0, 60)));
  asio::dispatch(impl_->strand, [i = impl_] {
    if (i->ended()) return;  // already ending on its own (error, refusal): its last words are on their way
    i->session_timer.cancel();
    i->apply(i->session.close());
    auto c = i->active;
    if (!c || c->gone || !c->with([](auto& ws) { return ws.is_open(); })) return i->end();
    // on_message closes when the phone's ack covers the bye; the phone may be slow or gone.
    i->closing_timer.expires_after(i->opt.bye_wait);
    i->closing_timer.async_wait([i, c](beast::error_code ec) {
      if (!ec) i->end_after_flush(c, {});
    });
  });
  if (impl_->strand.running_in_this_thread()) return;
  std::unique_lock lk(impl_->m);
  impl_->cv.wait_for(lk, impl_->opt.bye_wait + std::chrono::seconds(3), [&] { return impl_->finished; });
}

}  // namespace eimza::journey
