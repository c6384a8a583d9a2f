// The portal simulator's throwaway CA (simulator/portal/local_ca.cpp): what the Windows tests
// need of its certificates.
#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <string>

#include "portal/local_ca.hpp"

namespace {

// The byte lengths of r and s in pem's ECDSA signature ({0, 0} if it has none).
std::pair<int, int> signature_r_s_bytes(const std::string& pem) {
  BIO* b = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(b, nullptr, nullptr, nullptr);
  BIO_free(b);
  if (!cert) return {0, 0};
  const ASN1_BIT_STRING* sig = nullptr;
  X509_get0_signature(&sig, nullptr, cert);
  const unsigned char* p = sig->data;
  ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, sig->length);
  std::pair<int, int> out{0, 0};
  if (es) {
    const BIGNUM *r = nullptr, *s = nullptr;
    ECDSA_SIG_get0(es, &r, &s);
    out = {BN_num_bytes(r), BN_num_bytes(s)};
    ECDSA_SIG_free(es);
  }
  X509_free(cert);
  return out;
}

}  // namespace

// wine's crypt32 (bridge.exe's Schannel under scripts/windows) rejects a certificate whose ECDSA
// signature has r or s shorter than the curve's 32 bytes — about one signature in 128, so one
// portal test in 30 failed by chance ("security certificate could not be verified"). Windows and
// OpenSSL accept them; the simulator's certificates simply never have one. 300 CAs and server
// certificates: with random signatures, at least one short one 99 times in 100.
TEST(LocalCa, EverySignatureHasFullLengthRAndS) {
  for (int i = 0; i < 300; ++i) {
    const auto tls = eimza::sim::make_local_tls("test CA");
    for (const auto* pem : {&tls.ca_cert_pem, &tls.server_cert_pem}) {
      const auto [r, s] = signature_r_s_bytes(*pem);
      ASSERT_EQ(r, 32) << "certificate " << i;
      ASSERT_EQ(s, 32) << "certificate " << i;
    }
  }
}
