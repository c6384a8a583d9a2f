#pragma once
// A throwaway local CA and a server certificate for 127.0.0.1/localhost, made at start-up, so
// the client verifies the simulator's certificate for real (never "verify off").
#include <string>

namespace eimza::sim {

struct tls_material {
  std::string ca_cert_pem;      // give this to the client as its trust anchor
  std::string server_cert_pem;  // signed by the CA; SAN: DNS:localhost, IP:127.0.0.1, IP:::1
  std::string server_key_pem;
};

/// Throws std::runtime_error if OpenSSL fails.
[[nodiscard]] tls_material make_local_tls(
    const std::string& ca_name = "e-imza companion portal simulator CA");

}  // namespace eimza::sim
