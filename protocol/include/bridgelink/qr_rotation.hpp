#pragma once
// Bridge side: the QR codes shown while waiting for the phone. A new code every
// limits::qr_rotation, the previous one still accepted (the person may have scanned it just
// before it changed), nothing accepted after limits::qr_show_max, and after the first
// successful handshake no code of this rotation is accepted again. Time is passed in (unix s).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bridgelink/derive.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/qr_payload.hpp"
#include "bridgelink/random.hpp"

namespace bridgelink {

struct qr_ticket {
  bytes payload;      // the exact CBOR bytes (also the handshake prologue)
  std::string url;    // what the QR code encodes
  channel_keys keys;  // relay channel id + psk
  std::uint64_t created_at = 0;
};

class qr_rotation {
 public:
  struct options {
    noise::public_key bridge_key{};
    std::uint8_t flags = qr_flag_relay;
    std::optional<lan_hint> lan;
    std::string origin;  // e.g. "https://eimza.example.org"
  };
  qr_rotation(options opts, random_source& rng, std::uint64_t now);

  /// The code to show at `now`, rotating when due. expired after qr_show_max, replayed once paired.
  [[nodiscard]] result<const qr_ticket*> current(std::uint64_t now);
  /// Codes a phone may use at `now` (newest first): the channels to listen on.
  [[nodiscard]] std::vector<const qr_ticket*> accepted(std::uint64_t now) const;
  /// The accepted code whose channel id the phone used.
  [[nodiscard]] result<const qr_ticket*> find(const channel_id& id, std::uint64_t now) const;
  /// Call after the first successful handshake.
  void consume() noexcept { consumed_ = true; }
  [[nodiscard]] bool consumed() const noexcept { return consumed_; }

 private:
  [[nodiscard]] bool within_show_time(std::uint64_t now) const noexcept;
  void issue(std::uint64_t now);

  options opts_;
  random_source& rng_;
  std::uint64_t started_;
  std::optional<qr_ticket> current_, previous_;
  bool consumed_ = false;
};

}  // namespace bridgelink
