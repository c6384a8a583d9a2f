#pragma once
// Waiting for the phone while the QR rotates: one phone_link (relay channel) per code the
// rotation still accepts — the one shown and the one before it — until a phone pairs on one of
// them; the others are closed, and no code of this rotation is accepted again. The shown code
// goes to the status board (desktop page, terminal) each time it changes.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "bridgelink/noise.hpp"
#include "bridgelink/qr_rotation.hpp"
#include "journey/phone_link.hpp"
#include "journey/status_board.hpp"

namespace eimza::journey {

struct pairing_outcome {
  std::shared_ptr<phone_link> link;  // null when no phone paired
  std::string sas;
  ui::message why;         // when link is null
  std::string log_detail;  // what the library said, for the log
};

[[nodiscard]] pairing_outcome wait_for_phone(boost::asio::io_context& io, const phone_link::endpoint& relay,
                                             const bridgelink::noise::keypair& bridge_static,
                                             bridgelink::qr_rotation& rotation,
                                             const phone_link::options& link_options, status_board& board,
                                             std::chrono::seconds wait);

}  // namespace eimza::journey
