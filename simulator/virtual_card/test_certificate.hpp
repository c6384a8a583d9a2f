#pragma once
// Test certificates in the shape of real Kamu SM certificates, made with OpenSSL at run time (demo
// and tests; never real keys). See ../shared/reference/kamusm-and-akis.md:
//   subject C=TR, serialNumber=<T.C. Kimlik No>, CN=<holder>;
//   issuer  C=TR, O=Türkiye Bilimsel ve Teknolojik Araştırma Kurumu - TÜBİTAK,
//           OU=Kamu Sertifikasyon Merkezi - Kamu SM, CN=Kamu Elektronik Sertifika Hizmet Sağlayıcısı - Sürüm
//           N;
//   keyUsage critical digitalSignature + nonRepudiation; certificate policy + CPS URI;
//   QCStatements: QcCompliance, QcLimitValue, 5070.1.1 with its UTF-8 text.
#include <cstdint>
#include <optional>
#include <string>

#include "bridgelink/bytes.hpp"

namespace eimza::test {

enum class cert_profile {
  kamu_sm_nes,     // production NES: policy 2.16.792.1.2.1.1.5.7.1.1 + QC statements
  kamu_sm_test,    // test NES: policy …5.7.1.4.1, issuer "… - TEST", 5070.1.1 with a "Test amaçlı" text
  mobile_nes,      // policy …5.7.1.8 + QC statements
  authentication,  // digitalSignature + keyEncipherment, no QC statements, no NES policy
  ca,              // basicConstraints CA:TRUE, keyCertSign
  bare,            // no extensions at all
};
enum class key_kind { rsa_2048, ec_p384, ec_p256 };

struct cert_spec {
  std::string holder = "AYŞE YILMAZ";
  std::optional<std::string> serial_number_attr = "10000000146";  // subject serialNumber, as written
  std::int64_t not_before = 0;                                    // unix seconds
  std::int64_t not_after = 0;
  cert_profile profile = cert_profile::kamu_sm_nes;
  key_kind key = key_kind::rsa_2048;
  int issuer_version = 6;             // "Sürüm N"
  bool broken_qc_statements = false;  // a QCStatements extension whose inner lengths overrun
};

/// DER of a certificate following spec.
[[nodiscard]] bridgelink::bytes make_certificate(const cert_spec& spec);

/// The DER of a certificate's subject Name (PKCS#11 CKA_SUBJECT).
[[nodiscard]] bridgelink::bytes subject_der(const bridgelink::bytes& certificate);

[[nodiscard]] std::int64_t now_unix();
inline constexpr std::int64_t day = 86400;

}  // namespace eimza::test
