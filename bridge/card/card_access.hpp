#pragma once
// One interface for "the card in the reader", whichever way it is read: the vendor's PKCS#11 module
// (akisp11; SoftHSM2 stand-ins in tests), or APDUs over PC/SC with the AKIS file layout.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridgelink/secret.hpp"
#include "card/atr.hpp"
#include "card/card_result.hpp"
#include "card/certificate.hpp"

namespace eimza::card {

struct pin_state {
  bool known = true;                // false: not asked (a real card read over APDUs: no PIN command is sent)
  std::optional<int> retries_left;  // when the card tells
  bool count_low = false;           // PKCS#11 CKF_USER_PIN_COUNT_LOW
  bool final_try = false;
  bool blocked = false;
  std::size_t min_len = 6, max_len = 16;  // PKCS#11 ulMinPinLen/ulMaxPinLen when sane
};

struct card_summary {
  std::string source;     // "pcsc" or "pkcs11"
  std::string module;     // the PKCS#11 module's path (pkcs11)
  std::string reader;     // reader or slot description
  bridgelink::bytes atr;  // empty for PKCS#11
  card_family family = card_family::unknown;
  std::string serial;  // 16 upper-case hex chars, like the portal's "Kart Seri Numarası"
  std::string label;
  std::vector<certificate_info> certificates;
  std::size_t unreadable_certificates = 0;  // objects/files that were not a well-formed certificate
  certificate_choice choice;                // the signing certificate among `certificates`
  pin_state pin;
  /// The certificate the journey works with, or nullptr.
  [[nodiscard]] const certificate_info* signing() const noexcept {
    return choice.index && *choice.index < certificates.size() ? &certificates[*choice.index] : nullptr;
  }
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

/// The same card serial as the portal shows it: case, spaces and dashes aside, never an empty one.
[[nodiscard]] bool same_card_serial(std::string_view a, std::string_view b) noexcept;

/// Digits only, 6..16 and within the token's own limits.
[[nodiscard]] bool valid_new_pin(bridgelink::byte_view pin, std::size_t min_len = 6,
                                 std::size_t max_len = 16) noexcept;

}  // namespace eimza::card
