#pragma once
// Our AKIS-like card, sans-I/O: an ATR and an APDU-in, APDU-out function over the layout in
// bridge/card/akis_layout.hpp (PKCS#15 application, TokenInfo, NES certificate, user PIN with a
// retry counter). The vpcd link in main.cpp plugs it into the real pcscd.
#include <cstdint>
#include <optional>
#include <string>

#include "bridgelink/bytes.hpp"
#include "bridgelink/secret.hpp"

namespace eimza::sim {

struct card_fixture {
  bridgelink::bytes atr;          // default: an AKIS v1 style ATR ("UEKAE" in the historical bytes)
  bridgelink::bytes serial;       // 8 bytes, shown as 16 hex chars
  std::string label = "AKIS (sanal)";
  bridgelink::bytes certificate;  // DER
  bridgelink::secret_bytes pin;   // digits
  int pin_retries = 3;            // current counter
  int pin_retries_max = 3;
};

/// Reads a fixture JSON: {"serial": "0036267E57013B46", "pin": "123456", "pin_retries": 3,
/// "certificate": "cert.der" (relative to the fixture) , "label": "...", "atr": "3B..."}.
/// Throws std::runtime_error with a clear message on bad input.
[[nodiscard]] card_fixture load_fixture(const std::string& path);

[[nodiscard]] bridgelink::bytes default_atr();

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
  bool app_selected_ = false;
  std::optional<std::uint16_t> file_;
  bool verified_ = false;
};

}  // namespace eimza::sim
