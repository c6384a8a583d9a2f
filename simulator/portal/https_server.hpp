#pragma once
// A small HTTPS server on Beast for the simulator: one session object per connection, timeouts
// on every read, bounded headers and bodies, keep-alive, and the reply's delay/drop faults.
// Runs on the io_context's thread; the handler is called there.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <functional>
#include <memory>

#include "portal/portal_app.hpp"

namespace eimza::sim {

class https_server {
 public:
  using handler = std::function<http_reply(const http_call&)>;
  https_server(boost::asio::io_context& io, boost::asio::ssl::context& tls,
               const boost::asio::ip::tcp::endpoint& at, handler h);
  [[nodiscard]] unsigned short port() const;
  void stop();

 private:
  void accept();
  boost::asio::io_context& io_;
  boost::asio::ssl::context& tls_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<handler> handler_;
};

}  // namespace eimza::sim
