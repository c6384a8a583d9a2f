#pragma once
// The local desktop page at http://127.0.0.1:<port>/: the QR, the stage, plain messages and the SAS
// entry. It is opened with a one-time link (/?c=<code>, url()): the first load swaps the code for
// the per-run session in an HttpOnly, SameSite=Strict cookie and drops the code from the address
// bar; a used or expired code opens nothing. So a link that leaked (a command line in /proc, the
// browser history) is worth nothing. Other websites cannot drive it: the Host must be this
// loopback address, a present Origin must be ours, and every API call needs the cookie. No secret
// is ever on it.
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "journey/status_board.hpp"

namespace eimza::journey {

class desktop_page {
 public:
  desktop_page(boost::asio::io_context& io, status_board& board, std::string token, unsigned short port = 0);
  ~desktop_page();
  [[nodiscard]] unsigned short port() const;
  /// A new one-time link (valid 2 minutes, one load). Thread-safe.
  [[nodiscard]] std::string url() const;
  void stop();
  /// After the journey: until an open page has been sent the board's state `version` (its last
  /// screen: done, or what went wrong and what to do), at most `grace`. false when no page was
  /// open or it did not come in time. Not on the io thread.
  bool wait_shown(std::uint64_t version, std::chrono::milliseconds grace);

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

/// SVG markup of a QR code for text (dark modules as one path).
[[nodiscard]] std::string qr_svg(const std::string& text);

}  // namespace eimza::journey
