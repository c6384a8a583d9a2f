#include "card/certificate.hpp"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>

#include "card/tlv.hpp"
#include "identity/kimlik_no.hpp"

namespace eimza::card {
namespace {

template <class T, void (*F)(T*)>
struct deleter {
  void operator()(T* p) const noexcept { F(p); }
};
using x509_ptr = std::unique_ptr<X509, deleter<X509, X509_free>>;
using policies_ptr =
    std::unique_ptr<CERTIFICATEPOLICIES, deleter<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free>>;
using object_ptr = std::unique_ptr<ASN1_OBJECT, deleter<ASN1_OBJECT, ASN1_OBJECT_free>>;

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
  return n > 0 && static_cast<std::size_t>(n) < sizeof buf ? std::string(buf, static_cast<std::size_t>(n))
                                                           : std::string();
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

// The dotted form of a DER OBJECT IDENTIFIER TLV (tag, length and value), through OpenSSL.
card_result<std::string> dotted_oid(const tlv& t) {
  if (t.tag != 0x06 || t.value.empty()) return card_errc::bad_certificate;
  const unsigned char* start = t.value.data() - (t.total - t.value.size());
  const unsigned char* p = start;
  object_ptr o(d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(t.total)));
  if (!o || p != start + t.total) return card_errc::bad_certificate;
  auto text = oid_text(o.get());
  if (text.empty()) return card_errc::bad_certificate;
  return text;
}

// QCStatements ::= SEQUENCE OF SEQUENCE { statementId OID, statementInfo ANY OPTIONAL }.
card_result<std::vector<std::string>> qc_statement_ids(X509* cert) {
  std::vector<std::string> ids;
  const int idx = X509_get_ext_by_NID(cert, NID_qcStatements, -1);
  if (idx < 0) return ids;
  if (X509_get_ext_by_NID(cert, NID_qcStatements, idx) >= 0) return card_errc::bad_certificate;  // twice
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(X509_get_ext(cert, idx));
  const bridgelink::byte_view der(ASN1_STRING_get0_data(data),
                                  static_cast<std::size_t>(ASN1_STRING_length(data)));
  auto seq = read_tlv(der);
  if (!seq || seq->tag != 0x30 || seq->total != der.size()) return card_errc::bad_certificate;
  tlv_reader statements(seq->value);
  while (!statements.at_end()) {
    if (ids.size() >= 32) return card_errc::bad_certificate;
    auto st = statements.next();
    if (!st || st->tag != 0x30) return card_errc::bad_certificate;
    auto id = read_tlv(st->value);
    if (!id) return card_errc::bad_certificate;
    auto text = dotted_oid(*id);
    if (!text) return text.error();
    ids.push_back(std::move(*text));
  }
  return ids;
}

bool contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool ends_with_test(std::string_view issuer) {
  constexpr std::string_view suffix = "- TEST";
  return issuer.size() >= suffix.size() && issuer.substr(issuer.size() - suffix.size()) == suffix;
}

}  // namespace

nes_verdict verdict_from(const std::vector<std::string>& qc, const std::vector<std::string>& policies,
                         std::string_view issuer) {
  const bool qualified = contains(qc, oid::qc_compliance) &&
                         (contains(qc, oid::qc_5070_individual) || contains(qc, oid::qc_5070_other));
  // A test certificate says so by its policy or its issuer, whatever statements it carries.
  if (contains(policies, oid::kamusm_test_policy) || ends_with_test(issuer)) return nes_verdict::test;
  if (!qualified) return nes_verdict::not_qualified;
  if (contains(policies, oid::kamusm_nes_policy)) return nes_verdict::kamu_sm_nes;
  if (contains(policies, oid::kamusm_mobile_policy)) return nes_verdict::mobile;
  return nes_verdict::qualified;
}

card_result<certificate_info> parse_certificate(bridgelink::byte_view der) {
  if (der.empty() || der.size() > certificate_max) return card_errc::bad_certificate;
  const unsigned char* p = der.data();
  x509_ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size()) return card_errc::bad_certificate;
  // Caches the standard extensions; a key usage or basic constraints that does not parse is flagged.
  if (X509_get_extension_flags(cert.get()) & EXFLAG_INVALID) return card_errc::bad_certificate;

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

  int crit = -1;
  policies_ptr pols(static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(cert.get(), NID_certificate_policies, &crit, nullptr)));
  if (!pols && crit != -1) return card_errc::bad_certificate;  // present but broken, or twice
  if (pols) {
    for (int i = 0; i < sk_POLICYINFO_num(pols.get()) && i < 32; ++i)
      info.policies.push_back(oid_text(sk_POLICYINFO_value(pols.get(), i)->policyid));
  }
  auto qc = qc_statement_ids(cert.get());
  if (!qc) return qc.error();
  info.qc_statements = std::move(*qc);
  info.verdict = verdict_from(info.qc_statements, info.policies, info.issuer);

  const std::uint32_t ku = X509_get_key_usage(cert.get());
  info.key_usage_present = (X509_get_extension_flags(cert.get()) & EXFLAG_KUSAGE) != 0;
  info.non_repudiation = info.key_usage_present && (ku & KU_NON_REPUDIATION);
  info.digital_signature = info.key_usage_present && (ku & KU_DIGITAL_SIGNATURE);
  info.is_ca = X509_check_ca(cert.get()) != 0;
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

certificate_choice choose_signing_certificate(const std::vector<certificate_info>& certs) {
  if (certs.empty()) return {{}, "no_certificate"};
  // Best first; the first of equals wins (the card's own order).
  auto score = [](const certificate_info& c) {
    const bool qualified = c.verdict != nes_verdict::not_qualified;
    return (qualified ? 2 : 0) + (c.non_repudiation ? 1 : 0);
  };
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < certs.size(); ++i) {
    if (certs[i].is_ca) continue;
    if (!best || score(certs[i]) > score(certs[*best])) best = i;
  }
  if (!best) return {{}, "only_ca_certificates"};
  static constexpr std::string_view reasons[] = {"first_end_entity", "non_repudiation", "qualified",
                                                 "qualified_non_repudiation"};
  return {best, std::string(reasons[score(certs[*best])])};
}

}  // namespace eimza::card
