#include "journey/phone_link.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "bridgelink/derive.hpp"

namespace eimza::journey {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct phone_link::impl : std::enable_shared_from_this<phone_link::impl> {
  asio::io_context& io;
  endpoint relay;
  bridgelink::noise::keypair bridge_static;
  bridgelink::qr_ticket ticket;
  bridgelink::ready_body ready;
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::deque<std::shared_ptr<bridgelink::bytes>> outbox;
  bool writing = false, close_requested = false;

  mutable std::mutex m;
  std::condition_variable cv;
  std::deque<bridgelink::message> inbox;
  std::optional<bridgelink::link_handshake> hs;
  std::optional<bridgelink::secure_channel> channel;
  std::string sas, error;
  bool paired = false, closed = false;

  impl(asio::io_context& i, endpoint r, const bridgelink::noise::keypair& s, bridgelink::qr_ticket t,
       bridgelink::ready_body rd)
      : io(i), relay(std::move(r)), bridge_static(s), ticket(std::move(t)), ready(std::move(rd)), ws(asio::make_strand(i)) {}

  void fail(const std::string& why) {
    {
      std::lock_guard lk(m);
      if (error.empty()) error = why;
      closed = true;
    }
    cv.notify_all();
    beast::error_code ec;
    beast::get_lowest_layer(ws).socket().close(ec);
  }

  void start() {
    auto self = shared_from_this();
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(ws).async_connect(
        tcp::endpoint(asio::ip::make_address(relay.host), relay.port), [self](beast::error_code ec) {
          if (ec) return self->fail("relay unreachable: " + ec.message());
          beast::get_lowest_layer(self->ws).expires_never();
          self->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
          self->ws.set_option(websocket::stream_base::decorator([](websocket::request_type& r) {
            r.set(beast::http::field::sec_websocket_protocol, "bridgelink.v1");
          }));
          self->ws.read_message_max(65536);
          self->ws.binary(true);
          const auto target = "/v1/new/" + bridgelink::to_hex(self->ticket.keys.id);
          self->ws.async_handshake(self->relay.host, target, [self](beast::error_code e) {
            if (e) return self->fail("relay refused the channel: " + e.message());
            auto r = bridgelink::link_handshake::pairing_responder(self->bridge_static, self->ticket.payload);
            if (!r) return self->fail("bad QR ticket");
            self->hs.emplace(std::move(*r));
            self->read();
          });
        });
  }

  void read() {
    ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->fail(ec == websocket::error::closed ? "the phone left" : "connection lost: " + ec.message());
      const std::string data = beast::buffers_to_string(self->buffer.data());
      self->buffer.consume(n);
      self->on_message(bridgelink::byte_view(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
      if (!self->closed) self->read();
    });
  }

  void on_message(bridgelink::byte_view data) {
    std::unique_lock lk(m);
    if (!paired) {
      // msg1 from the phone: one handshake per QR; a failure ends this link (no oracle).
      auto hello = hs->read(data);
      if (!hello) {
        lk.unlock();
        return fail(std::string("pairing failed: ") + std::string(bridgelink::code_name(hello.error())));
      }
      auto msg2 = hs->write(bridgelink::make_ready(ready));
      auto secrets = msg2 ? hs->finish() : bridgelink::result<bridgelink::session_secrets>(msg2.error());
      if (!secrets) {
        lk.unlock();
        return fail("pairing failed");
      }
      channel.emplace(std::move(secrets->keys));
      sas = secrets->sas;
      paired = true;
      hs.reset();
      lk.unlock();
      cv.notify_all();
      write(std::make_shared<bridgelink::bytes>(std::move(*msg2)));
      return;
    }
    auto got = channel->receive(data);
    if (!got) {
      lk.unlock();
      return fail(std::string("channel error: ") + std::string(bridgelink::code_name(got.error())));
    }
    std::shared_ptr<bridgelink::bytes> ack;
    if (*got) {
      const auto type = (*got)->type;
      if (type != bridgelink::message_type::ack && type != bridgelink::message_type::ping) inbox.push_back(std::move(**got));
      if (type == bridgelink::message_type::bye || type == bridgelink::message_type::error) closed = true;
    }
    if (channel->ack_due() && !channel->closed()) {
      auto a = channel->send(bridgelink::make_ack());
      if (a) ack = std::make_shared<bridgelink::bytes>(std::move(*a));
    }
    lk.unlock();
    cv.notify_all();
    if (ack) write(ack);
  }

  void write(std::shared_ptr<bridgelink::bytes> data) {
    asio::dispatch(ws.get_executor(), [self = shared_from_this(), data] {
      self->outbox.push_back(data);
      if (!self->writing) self->do_write();
    });
  }

  void do_write() {
    writing = true;
    ws.async_write(asio::buffer(*outbox.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->writing = false;
      if (ec) return self->fail("send failed: " + ec.message());
      self->outbox.pop_front();
      if (!self->outbox.empty()) return self->do_write();
      if (self->close_requested) self->do_close();
    });
  }

  // Only when no write is pending: a close is a write for Beast.
  void do_close() {
    writing = true;
    ws.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {
      std::lock_guard lk(self->m);
      self->closed = true;
      self->cv.notify_all();
    });
  }
};

phone_link::phone_link(asio::io_context& io, endpoint relay, const bridgelink::noise::keypair& bridge_static,
                       bridgelink::qr_ticket ticket, bridgelink::ready_body ready)
    : impl_(std::make_shared<impl>(io, std::move(relay), bridge_static, std::move(ticket), std::move(ready))) {}

phone_link::~phone_link() { close("bridge stopped"); }

void phone_link::start() {
  asio::dispatch(impl_->ws.get_executor(), [i = impl_] { i->start(); });
}

std::string phone_link::wait_paired(std::chrono::seconds timeout) {
  std::unique_lock lk(impl_->m);
  impl_->cv.wait_for(lk, timeout, [&] { return impl_->paired || impl_->closed; });
  return impl_->paired ? impl_->sas : std::string();
}

void phone_link::send(bridgelink::message msg) {
  std::unique_lock lk(impl_->m);
  if (!impl_->channel || impl_->closed) return;
  auto sealed = impl_->channel->send(std::move(msg));
  lk.unlock();
  if (sealed) impl_->write(std::make_shared<bridgelink::bytes>(std::move(*sealed)));
}

std::optional<bridgelink::message> phone_link::receive(std::chrono::milliseconds timeout) {
  std::unique_lock lk(impl_->m);
  impl_->cv.wait_for(lk, timeout, [&] { return !impl_->inbox.empty() || impl_->closed; });
  if (impl_->inbox.empty()) return std::nullopt;
  auto msg = std::move(impl_->inbox.front());
  impl_->inbox.pop_front();
  return msg;
}

bool phone_link::closed() const {
  std::lock_guard lk(impl_->m);
  return impl_->closed;
}

std::string phone_link::last_error() const {
  std::lock_guard lk(impl_->m);
  return impl_->error;
}

void phone_link::close(const std::string& reason) {
  {
    std::lock_guard lk(impl_->m);
    if (impl_->closed) return;
  }
  send(bridgelink::make_bye(reason.substr(0, 60)));
  asio::dispatch(impl_->ws.get_executor(), [i = impl_] {
    i->close_requested = true;
    if (!i->writing && i->outbox.empty() && i->ws.is_open()) i->do_close();
  });
}

}  // namespace eimza::journey
