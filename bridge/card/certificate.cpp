#include "card/certificate.hpp"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "identity/kimlik_no.hpp"

namespace eimza::card {
namespace {

template <class T, void (*F)(T*)>
struct deleter {
  void operator()(T* p) const noexcept { F(p); }
};
using x509_ptr = std::unique_ptr<X509, deleter<X509, X509_free>>;
using policies_ptr = std::unique_ptr<CERTIFICATEPOLICIES, deleter<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free>>;

std::string entry_text(const X509_NAME* name, int nid) {
  const int idx = X509_NAME_get_index_by_NID(name, nid, -1);
  if (idx < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, data);
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::int64_t to_unix(const ASN1_TIME* t) {
  // Seconds from the epoch: compare with the epoch itself to stay independent of the local zone.
  int days = 0, secs = 0;
  ASN1_TIME* epoch = ASN1_TIME_set(nullptr, 0);
  const int ok = ASN1_TIME_diff(&days, &secs, epoch, t);
  ASN1_TIME_free(epoch);
  return ok ? std::int64_t{days} * 86400 + secs : 0;
}

std::string oid_text(const ASN1_OBJECT* o) {
  char buf[128];
  const int n = OBJ_obj2txt(buf, sizeof buf, o, 1);
  return n > 0 && static_cast<std::size_t>(n) < sizeof buf ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

std::string key_description(X509* cert) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  if (!key) return "unknown";
  const int bits = EVP_PKEY_get_bits(key);
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return "RSA-" + std::to_string(bits);
    case EVP_PKEY_EC: return "EC-" + std::to_string(bits);
    default: return "other-" + std::to_string(bits);
  }
}

}  // namespace

card_result<certificate_info> parse_certificate(bridgelink::byte_view der) {
  if (der.empty() || der.size() > certificate_max) return card_errc::bad_certificate;
  const unsigned char* p = der.data();
  x509_ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size()) return card_errc::bad_certificate;

  certificate_info info;
  const X509_NAME* subject = X509_get_subject_name(cert.get());
  info.holder_name = entry_text(subject, NID_commonName);
  if (info.holder_name.empty()) {
    info.holder_name = entry_text(subject, NID_givenName);
    const auto surname = entry_text(subject, NID_surname);
    if (!surname.empty()) info.holder_name += (info.holder_name.empty() ? "" : " ") + surname;
  }
  info.tckn = identity::find_tckn(entry_text(subject, NID_serialNumber));
  const X509_NAME* issuer = X509_get_issuer_name(cert.get());
  info.issuer = entry_text(issuer, NID_commonName);
  if (info.issuer.empty()) info.issuer = entry_text(issuer, NID_organizationName);

  if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr)) {
    if (char* hex = BN_bn2hex(bn)) {
      info.serial_hex = hex;
      OPENSSL_free(hex);
    }
    BN_free(bn);
  }

  int crit = 0;
  policies_ptr pols(static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(cert.get(), NID_certificate_policies, &crit, nullptr)));
  if (pols) {
    for (int i = 0; i < sk_POLICYINFO_num(pols.get()); ++i) {
      auto oid = oid_text(sk_POLICYINFO_value(pols.get(), i)->policyid);
      if (oid == nes_individual_policy) info.kind = nes_kind::individual;
      else if (oid == nes_corporate_policy && info.kind == nes_kind::none) info.kind = nes_kind::corporate;
      info.policies.push_back(std::move(oid));
    }
  }
  info.not_before = to_unix(X509_get0_notBefore(cert.get()));
  info.not_after = to_unix(X509_get0_notAfter(cert.get()));
  info.key_type = key_description(cert.get());
  return info;
}

validity validity_at(const certificate_info& c, std::int64_t now) noexcept {
  if (now < c.not_before) return validity::not_yet_valid;
  if (now > c.not_after) return validity::expired;
  return validity::valid;
}

std::string_view nes_kind_name(nes_kind k) noexcept {
  switch (k) {
    case nes_kind::individual: return "nes_individual";
    case nes_kind::corporate: return "nes_corporate";
    case nes_kind::none: return "none";
  }
  return "none";
}

std::string_view validity_name(validity v) noexcept {
  switch (v) {
    case validity::valid: return "valid";
    case validity::not_yet_valid: return "not_yet_valid";
    case validity::expired: return "expired";
  }
  return "valid";
}

}  // namespace eimza::card
