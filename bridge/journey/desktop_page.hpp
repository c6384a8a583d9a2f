#pragma once
// The local desktop page at http://127.0.0.1:<port>/?t=<token>: the QR, the stage, plain
// messages and the SAS entry. Other websites cannot drive it: the Host must be this loopback
// address, a present Origin must be ours, and every API call carries the per-run token in a
// header (which also forces a CORS preflight we never answer). No secret is ever on it.
#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>

#include "journey/status_board.hpp"

namespace eimza::journey {

class desktop_page {
 public:
  desktop_page(boost::asio::io_context& io, status_board& board, std::string token, unsigned short port = 0);
  ~desktop_page();
  [[nodiscard]] unsigned short port() const;
  [[nodiscard]] std::string url() const;  // with the token
  void stop();

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

/// SVG markup of a QR code for text (dark modules as one path).
[[nodiscard]] std::string qr_svg(const std::string& text);

}  // namespace eimza::journey
