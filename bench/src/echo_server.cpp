// The loopback floor: a plain TCP echo (one hop), a thread per connection, TCP_NODELAY.
//   echo_server --port-file FILE
#include <boost/asio.hpp>
#include <fstream>
#include <iostream>
#include <thread>

int main(int argc, char** argv) {
  namespace asio = boost::asio;
  using tcp = asio::ip::tcp;
  asio::io_context io;
  tcp::acceptor acc(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  if (argc == 3) std::ofstream(argv[2]) << acc.local_endpoint().port() << "\n";
  for (;;) {
    tcp::socket s = acc.accept();
    std::thread([s = std::move(s)]() mutable {
      s.set_option(tcp::no_delay(true));
      char buf[65536];
      boost::system::error_code ec;
      for (;;) {
        const auto n = s.read_some(asio::buffer(buf), ec);
        if (ec) return;
        asio::write(s, asio::buffer(buf, n), ec);
        if (ec) return;
      }
    }).detach();
  }
}
