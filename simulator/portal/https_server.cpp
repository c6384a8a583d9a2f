#include "portal/https_server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <iostream>

namespace eimza::sim {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t header_limit = 8 * 1024;
constexpr std::size_t body_limit = 64 * 1024;
constexpr auto read_timeout = std::chrono::seconds(30);

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket s, asio::ssl::context& tls, std::shared_ptr<https_server::handler> h)
      : stream_(std::move(s), tls), handler_(std::move(h)), timer_(stream_.get_executor()) {}

  void run() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(10));
    stream_.async_handshake(asio::ssl::stream_base::server,
                            [self = shared_from_this()](beast::error_code ec) {
                              if (!ec) self->do_read();
                            });
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->header_limit(header_limit);
    parser_->body_limit(body_limit);
    beast::get_lowest_layer(stream_).expires_after(read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) return close();  // timeouts, oversize, garbage: this connection ends, others go on
    auto req = parser_->release();
    http_call call;
    call.method = std::string(req.method_string());
    call.target = std::string(req.target());
    call.cookie = std::string(req[http::field::cookie]);
    call.test_token = std::string(req["X-Test-Token"]);
    call.body = std::move(req.body());
    const http_reply reply = (*handler_)(call);
    keep_alive_ = req.keep_alive();
    if (reply.drop) return drop();
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(reply.status),
                                                                   req.version());
    res->set(http::field::server, "portal-sim");
    res->set(http::field::content_type, reply.content_type);
    res->set(http::field::cache_control, "no-store");
    if (!reply.set_cookie.empty()) res->set(http::field::set_cookie, reply.set_cookie);
    if (!reply.location.empty()) res->set(http::field::location, reply.location);
    res->keep_alive(keep_alive_);
    res->body() = reply.body;
    res->prepare_payload();
    timer_.expires_after(reply.delay);
    timer_.async_wait([self = shared_from_this(), res](beast::error_code) { self->write(res); });
  }

  void write(const std::shared_ptr<http::response<http::string_body>>& res) {
    beast::get_lowest_layer(stream_).expires_after(read_timeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec || !self->keep_alive_) return self->close();
      self->do_read();
    });
  }

  void drop() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).socket().close(ignored);
  }

  void close() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(3));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->drop(); });
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
  std::shared_ptr<https_server::handler> handler_;
  beast::flat_buffer buffer_{header_limit + body_limit};
  std::optional<http::request_parser<http::string_body>> parser_;
  asio::steady_timer timer_;
  bool keep_alive_ = false;
};

}  // namespace

https_server::https_server(asio::io_context& io, asio::ssl::context& tls, const tcp::endpoint& at, handler h)
    : io_(io), tls_(tls), acceptor_(io, at), handler_(std::make_shared<handler>(std::move(h))) {
  accept();
}

unsigned short https_server::port() const {
  return acceptor_.local_endpoint().port();
}

void https_server::stop() {
  beast::error_code ignored;
  acceptor_.close(ignored);
}

void https_server::accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code ec, tcp::socket s) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) std::make_shared<session>(std::move(s), tls_, handler_)->run();
    accept();
  });
}

}  // namespace eimza::sim
