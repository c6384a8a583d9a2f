#pragma once
// One interface for "the card in the reader", whichever way it is read: APDUs over PC/SC with our
// PKCS#15-style layout, or a PKCS#11 module (akisp11, opensc-pkcs11, SoftHSM2 in tests).
#include <optional>
#include <string>
#include <vector>

#include "bridgelink/secret.hpp"
#include "card/atr.hpp"
#include "card/card_result.hpp"
#include "card/certificate.hpp"

namespace eimza::card {

struct pin_state {
  std::optional<int> retries_left;  // when the card tells
  bool count_low = false;           // PKCS#11 CKF_USER_PIN_COUNT_LOW
  bool final_try = false;
  bool blocked = false;
};

struct card_summary {
  std::string source;      // "pcsc" or "pkcs11"
  std::string reader;      // reader or slot description
  bridgelink::bytes atr;   // empty for PKCS#11
  card_family family = card_family::unknown;
  std::string serial;      // 16 upper-case hex chars, like the portal's "Kart Seri Numarası"
  std::string label;
  std::vector<certificate_info> certificates;
  pin_state pin;
};

class card_access {
 public:
  virtual ~card_access() = default;
  /// Reads serial, certificates and the PIN state. Never verifies a PIN.
  [[nodiscard]] virtual card_result<card_summary> read_summary() = 0;
  /// One attempt, only on the person's explicit action: reads the PIN state first and refuses
  /// when blocked. Never touches a PUK. Never retried by us.
  [[nodiscard]] virtual card_status change_pin(const bridgelink::secret_bytes& old_pin,
                                               const bridgelink::secret_bytes& new_pin) = 0;
};

/// 6..16 digits.
[[nodiscard]] bool valid_new_pin(bridgelink::byte_view pin) noexcept;

}  // namespace eimza::card
