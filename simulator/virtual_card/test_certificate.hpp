#pragma once
// NES-like test certificates made with OpenSSL at run time (demo and tests; never real keys):
// C=TR, CN=<holder>, serialNumber=<tckn field>; issuer a throwaway "Kamu SM Test" CA; policy OID.
#include <cstdint>
#include <optional>
#include <string>

#include "bridgelink/bytes.hpp"

namespace eimza::test {

struct cert_spec {
  std::string holder = "AYŞE YILMAZ";
  std::optional<std::string> serial_number_attr = "10000000146";  // subject serialNumber, as written
  std::int64_t not_before = 0;   // unix seconds
  std::int64_t not_after = 0;
  std::string policy = "2.16.792.1.61.0.1.5070.1.1";  // empty: no policy extension
  bool ec_key = false;
};

/// DER of a certificate following spec (RSA-2048 or EC P-256 key).
[[nodiscard]] bridgelink::bytes make_certificate(const cert_spec& spec);

/// The DER of a certificate's subject Name (PKCS#11 CKA_SUBJECT).
[[nodiscard]] bridgelink::bytes subject_der(const bridgelink::bytes& certificate);

[[nodiscard]] std::int64_t now_unix();
inline constexpr std::int64_t day = 86400;

}  // namespace eimza::test
