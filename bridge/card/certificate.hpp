#pragma once
// What the person needs to know about the certificate on the card, from its DER (OpenSSL).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "card/card_result.hpp"

namespace eimza::card {

inline constexpr std::size_t certificate_max = 16 * 1024;

enum class nes_kind { individual, corporate, none };
enum class validity { valid, not_yet_valid, expired };

struct certificate_info {
  std::string holder_name;            // subject CN (or given name + surname)
  std::optional<std::string> tckn;    // from subject serialNumber, checksum-validated
  std::string issuer;                 // issuer CN (or O)
  std::string serial_hex;             // certificate serial number
  std::vector<std::string> policies;  // policy OIDs, dotted
  nes_kind kind = nes_kind::none;
  std::int64_t not_before = 0;        // unix seconds
  std::int64_t not_after = 0;
  std::string key_type;               // "RSA-2048", "EC-P256", ...
};

inline constexpr std::string_view nes_individual_policy = "2.16.792.1.61.0.1.5070.1.1";
inline constexpr std::string_view nes_corporate_policy = "2.16.792.1.61.0.1.5070.1.2";

[[nodiscard]] card_result<certificate_info> parse_certificate(bridgelink::byte_view der);

[[nodiscard]] validity validity_at(const certificate_info& c, std::int64_t now) noexcept;
[[nodiscard]] std::string_view nes_kind_name(nes_kind k) noexcept;
[[nodiscard]] std::string_view validity_name(validity v) noexcept;

}  // namespace eimza::card
