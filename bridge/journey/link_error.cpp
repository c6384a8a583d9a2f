#include "journey/link_error.hpp"

#include "journey/journey_text.hpp"

#include <string>

namespace eimza::journey {

namespace {

// English, for logs and error_code::message(); the person's sentence is in the catalogue.
const char* log_text(link_errc e) noexcept {
  switch (e) {
    case link_errc::relay_not_found: return "relay address not found";
    case link_errc::relay_unreachable: return "relay unreachable";
    case link_errc::relay_tls: return "relay certificate not trusted or TLS failed";
    case link_errc::relay_refused: return "relay refused the channel";
    case link_errc::bad_ticket: return "QR ticket unusable";
    case link_errc::pairing_failed: return "pairing failed";
    case link_errc::already_paired: return "another phone paired first";
    case link_errc::phone_left: return "the phone left";
    case link_errc::connection_lost: return "connection lost";
    case link_errc::phone_not_back: return "the phone did not come back";
    case link_errc::resume_failed: return "resume failed";
    case link_errc::channel_error: return "channel error";
    case link_errc::relay_proxy: return "the proxy refused the tunnel to the relay";
  }
  return "unknown link error";
}

class category : public std::error_category {
 public:
  const char* name() const noexcept override { return "bridgelink.link"; }
  std::string message(int e) const override { return log_text(static_cast<link_errc>(e)); }
};

}  // namespace

const std::error_category& link_category() noexcept {
  static const category c;
  return c;
}

std::error_code make_error_code(link_errc e) noexcept {
  return {static_cast<int>(e), link_category()};
}

bool is_relay_problem(std::error_code ec) noexcept {
  return ec == link_errc::relay_not_found || ec == link_errc::relay_unreachable ||
         ec == link_errc::relay_tls || ec == link_errc::relay_refused || ec == link_errc::relay_proxy;
}

ui::message link_message(std::error_code ec) {
  if (!ec) return {};
  if (ec.category() != link_category()) return journey_text::phone_connection_ended;
  return static_cast<link_errc>(ec.value());
}

}  // namespace eimza::journey
