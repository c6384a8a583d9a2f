#pragma once
// What the person needs to know about a certificate on the card, from its DER (OpenSSL for the
// structure, our bounded TLV reader for the QCStatements extension).
//
// The NES verdict follows the real Kamu SM profile (../shared/reference/kamusm-and-akis.md):
// qualified = QcCompliance (0.4.0.1862.1.1) and a 5070 statement (…5070.1.1 or …5070.2.1) among
// the QCStatements (1.3.6.1.5.5.7.1.3); the Kamu SM NES certificate policy is
// 2.16.792.1.2.1.1.5.7.1.1, test certificates carry …5.7.1.4.1 (issuer "… - TEST"), mobile NES
// …5.7.1.8. The 5070 OIDs are QC statements, not certificate policies.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "card/card_result.hpp"
#include "ui/message.hpp"

namespace eimza::card {

inline constexpr std::size_t certificate_max = std::size_t{16} * 1024;

namespace oid {
inline constexpr std::string_view qc_statements = "1.3.6.1.5.5.7.1.3";
inline constexpr std::string_view qc_compliance = "0.4.0.1862.1.1";
inline constexpr std::string_view qc_5070_individual = "2.16.792.1.61.0.1.5070.1.1";
inline constexpr std::string_view qc_5070_other = "2.16.792.1.61.0.1.5070.2.1";
inline constexpr std::string_view kamusm_nes_policy = "2.16.792.1.2.1.1.5.7.1.1";
inline constexpr std::string_view kamusm_test_policy = "2.16.792.1.2.1.1.5.7.1.4.1";
inline constexpr std::string_view kamusm_mobile_policy = "2.16.792.1.2.1.1.5.7.1.8";
}  // namespace oid

/// The verdict, from the most to the least specific.
enum class nes_verdict {
  kamu_sm_nes,    // qualified, Kamu SM NES policy
  test,           // a Kamu SM test certificate (policy …5.7.1.4.1 or issuer "… - TEST"): not for real use
  mobile,         // qualified, mobile NES policy (not expected on a card)
  qualified,      // qualified by its QC statements, another provider's policy
  not_qualified,  // no qualified-certificate statements
};
BOOST_DESCRIBE_ENUM(nes_verdict, kamu_sm_nes, test, mobile, qualified, not_qualified)
/// One plain sentence each for the person: "verdict.<name>" in the catalogue.
constexpr std::string_view text_domain(nes_verdict) noexcept {
  return "verdict";
}
enum class validity { valid, not_yet_valid, expired };
BOOST_DESCRIBE_ENUM(validity, valid, not_yet_valid, expired)

struct certificate_info {
  std::string holder_name;                 // subject CN (or given name + surname)
  std::optional<std::string> tckn;         // from subject serialNumber, checksum-validated
  std::string issuer;                      // issuer CN (or O)
  std::string serial_hex;                  // certificate serial number
  std::vector<std::string> policies;       // certificate policy OIDs, dotted
  std::vector<std::string> qc_statements;  // QC statement ids, dotted
  nes_verdict verdict = nes_verdict::not_qualified;
  bool non_repudiation = false;  // keyUsage
  bool digital_signature = false;
  bool key_usage_present = false;
  bool is_ca = false;
  std::int64_t not_before = 0;  // unix seconds
  std::int64_t not_after = 0;
  std::string key_type;  // "RSA-2048", "EC-384", ...
};

/// bad_certificate for anything that is not one well-formed DER certificate, or whose
/// extensions do not parse (OpenSSL's EXFLAG_INVALID, a broken QCStatements).
[[nodiscard]] card_result<certificate_info> parse_certificate(bridgelink::byte_view der);

/// The verdict from statement and policy OIDs and the issuer name (sans-I/O, for the tests too).
[[nodiscard]] nes_verdict verdict_from(const std::vector<std::string>& qc_statements,
                                       const std::vector<std::string>& policies, std::string_view issuer);

[[nodiscard]] validity validity_at(const certificate_info& c, std::int64_t now) noexcept;
/// The enumerators' names ("kamu_sm_nes", "not_yet_valid"), for JSON and the phone.
[[nodiscard]] inline std::string_view verdict_name(nes_verdict v) noexcept {
  return ui::enum_name(v);
}
[[nodiscard]] inline std::string_view validity_name(validity v) noexcept {
  return ui::enum_name(v);
}

/// Which certificate of a card signs: the qualified signing one (nonRepudiation, QC statements,
/// not a CA), then the best of the rest. Empty when there is none.
struct certificate_choice {
  std::optional<std::size_t> index;
  std::string reason;  // machine-readable: "qualified_non_repudiation", "only_certificate", ...
};
[[nodiscard]] certificate_choice choose_signing_certificate(const std::vector<certificate_info>& certs);

}  // namespace eimza::card
