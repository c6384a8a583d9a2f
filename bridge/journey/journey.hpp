#pragma once
// The activation journey, one flow top to bottom on its own thread:
//   card → pairing (QR) → SAS typed on the desktop → card summary to the phone → portal login
//   (captcha + security word from the phone) → phone number confirmed on the phone → SMS code →
//   PIN/PUK shown only on the phone → optional PIN change on the card → optional deletion from
//   the portal → done.
// The stage and a plain message go to the status_board (desktop); secrets only to the phone.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <string>

#include "journey/phone_link.hpp"
#include "journey/status_board.hpp"
#include "log/logger.hpp"
#include "portal/http_client.hpp"
#include "portal/portal_profile.hpp"

namespace eimza::journey {

struct journey_config {
  std::string reader;                 // PC/SC reader (empty: any)
  std::string pkcs11_module;          // empty: APDUs over PC/SC; a path or "auto"
  bool skip_virtual_readers = false;  // `bridge run`: a vpcd reader only when --reader names it
  std::chrono::seconds card_wait{300};
  phone_link::endpoint relay;               // where the bridge opens its channel
  std::string companion_origin;             // what the QR points to
  std::uint8_t qr_flags = 2;                // 2 relay, 1 LAN (the embedded relay on this machine)
  std::optional<bridgelink::lan_hint> lan;  // LAN address + port in the QR (LAN mode)
  portal::portal_profile profile;
  portal::http_options http;
  std::chrono::seconds pairing_wait{300};
  std::chrono::seconds step_wait{300};
  log::logger* log = nullptr;  // not owned; null: nothing logged
};

/// Runs the journey; returns true when it reached "done". Never logs a secret. It stops when
/// board.request_cancel() is called (desktop page, tray, Ctrl-C), whatever it is waiting for.
bool run_journey(boost::asio::io_context& io, const journey_config& cfg, status_board& board);

}  // namespace eimza::journey
