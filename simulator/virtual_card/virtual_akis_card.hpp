#pragma once
// Our AKIS-like card, sans-I/O: an ATR and an APDU-in, APDU-out function over the public parts of
// the real AKIS layout in bridge/card/akis_layout.hpp (MF → DF by name "PKCS-15" → TokenInfo EF
// 5032 and certificate EFs 2F10…), plus a user PIN with a retry counter (VERIFY, CHANGE REFERENCE
// DATA: our own commands, not documented for real cards). It can offer real AKIS ATRs, so that
// the bridge's choice of path is tested with them. The vpcd link in main.cpp plugs it into pcscd.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "bridgelink/secret.hpp"

namespace eimza::sim {

struct card_fixture {
  bridgelink::bytes atr;     // default: our own ATR (historical bytes "EIMZA-VIRTUAL")
  bridgelink::bytes serial;  // 8 bytes, shown as 16 hex chars
  std::string label = "AKIS (sanal)";
  std::vector<bridgelink::bytes> certificates;  // DER, in EFs 2F10, 2F11, … in this order
  bridgelink::secret_bytes pin;                 // digits
  int pin_retries = 3;                          // current counter
  int pin_retries_max = 3;
};

/// Reads a fixture JSON: {"serial": "0036267E57013B46", "pin": "123456", "pin_retries": 3,
/// "certificate": "cert.der" or "certificates": ["auth.der", "sign.der"] (relative to the fixture),
/// "label": "...", "atr": "3B..." or one of atr_preset()'s names}.
/// Throws std::runtime_error with a clear message on bad input.
[[nodiscard]] card_fixture load_fixture(const std::string& path);

[[nodiscard]] bridgelink::bytes default_atr();
/// Real ATRs (pcsc-tools list, ../shared/reference/kamusm-and-akis.md): "akis_v1.0", "akis_v1.2",
/// "akis_v2" (also the T.C. Kimlik Kartı's family); "virtual" is default_atr().
/// Throws std::invalid_argument for another name.
[[nodiscard]] bridgelink::bytes atr_preset(std::string_view name);

class virtual_akis_card {
 public:
  explicit virtual_akis_card(card_fixture f) : f_(std::move(f)) {}
  [[nodiscard]] const bridgelink::bytes& atr() const noexcept { return f_.atr; }
  /// Power-on / reset: selection and PIN verification are forgotten, the counter is kept.
  void reset() noexcept;
  [[nodiscard]] bridgelink::bytes respond(bridgelink::byte_view command);
  [[nodiscard]] int pin_retries() const noexcept { return f_.pin_retries; }

 private:
  [[nodiscard]] bridgelink::bytes select(std::uint8_t p1, bridgelink::byte_view data);
  [[nodiscard]] bridgelink::bytes read_binary(std::uint16_t offset, std::size_t le);
  [[nodiscard]] bridgelink::bytes verify(std::uint8_t ref, bridgelink::byte_view data);
  [[nodiscard]] bridgelink::bytes change_pin(std::uint8_t ref, bridgelink::byte_view data);
  [[nodiscard]] bridgelink::bytes wrong_pin();
  [[nodiscard]] bridgelink::bytes token_info() const;

  card_fixture f_;
  bool df_selected_ = false;
  std::optional<std::uint16_t> file_;
  bool verified_ = false;
};

}  // namespace eimza::sim
