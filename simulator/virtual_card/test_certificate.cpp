#include "virtual_card/test_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <stdexcept>

#include "virtual_card/der_writer.hpp"

namespace eimza::test {

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr std::string_view nes_text =
    "Bu sertifika, 5070 sayılı Elektronik İmza Kanununa göre nitelikli elektronik sertifikadır.";
constexpr std::string_view test_text =
    "Test amaçlı bu sertifika, 5070 sayılı Elektronik İmza Kanununa göre nitelikli elektronik sertifikadır.";

EVP_PKEY* new_key(key_kind k) {
  switch (k) {
    case key_kind::rsa_2048: return EVP_RSA_gen(2048);
    case key_kind::ec_p384: return EVP_EC_gen("P-384");
    case key_kind::ec_p256: return EVP_EC_gen("P-256");
  }
  return nullptr;
}

void add_entry(X509_NAME* name, const char* field, const std::string& value) {
  if (!X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                  reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0))
    throw std::runtime_error(std::string("cannot set ") + field);
}

void add_conf_ext(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext || !X509_add_ext(cert, ext, -1)) throw std::runtime_error("extension " + std::string(value));
  X509_EXTENSION_free(ext);
}

void add_raw_ext(X509* cert, int nid, const bridgelink::bytes& der_value) {
  ASN1_OCTET_STRING* os = ASN1_OCTET_STRING_new();
  if (!os || !ASN1_OCTET_STRING_set(os, der_value.data(), static_cast<int>(der_value.size())))
    throw std::runtime_error("octet string");
  X509_EXTENSION* ext = X509_EXTENSION_create_by_NID(nullptr, nid, 0, os);
  ASN1_OCTET_STRING_free(os);
  if (!ext || !X509_add_ext(cert, ext, -1)) throw std::runtime_error("raw extension");
  X509_EXTENSION_free(ext);
}

void add_policy(X509* cert, std::string_view policy) {
  // certificatePolicies with a CPS pointer, as Kamu SM writes it.
  CERTIFICATEPOLICIES* pols = sk_POLICYINFO_new_null();
  POLICYINFO* pi = POLICYINFO_new();
  POLICYQUALINFO* q = POLICYQUALINFO_new();
  if (!pols || !pi || !q) throw std::runtime_error("policy allocation");
  pi->policyid = OBJ_txt2obj(std::string(policy).c_str(), 1);
  q->pqualid = OBJ_nid2obj(NID_id_qt_cps);
  q->d.cpsuri = ASN1_IA5STRING_new();
  const std::string_view uri = "http://depo.kamusm.gov.tr/ilke";
  ASN1_STRING_set(q->d.cpsuri, uri.data(), static_cast<int>(uri.size()));
  pi->qualifiers = sk_POLICYQUALINFO_new_null();
  sk_POLICYQUALINFO_push(pi->qualifiers, q);
  sk_POLICYINFO_push(pols, pi);
  if (!pi->policyid || !X509_add1_ext_i2d(cert, NID_certificate_policies, pols, 0, X509V3_ADD_DEFAULT))
    throw std::runtime_error("policy extension");
  CERTIFICATEPOLICIES_free(pols);
}

bridgelink::bytes qc_statements(std::string_view law_text, bool broken) {
  namespace der = sim::der;
  bridgelink::bytes list;
  der::append(list, 0x30, der::oid("0.4.0.1862.1.1"));                    // QcCompliance
  bridgelink::bytes limit = der::tlv(0x13, bridgelink::as_bytes("TRY"));  // QcEuLimitValue: TRY 10^0 × amount
  const auto amount = der::small_integer(0), exponent = der::small_integer(0);
  limit.insert(limit.end(), amount.begin(), amount.end());
  limit.insert(limit.end(), exponent.begin(), exponent.end());
  bridgelink::bytes limit_stmt = der::oid("0.4.0.1862.1.2");
  der::append(limit_stmt, 0x30, limit);
  der::append(list, 0x30, limit_stmt);
  bridgelink::bytes law = der::oid("2.16.792.1.61.0.1.5070.1.1");
  der::append(law, 0x0C, bridgelink::as_bytes(law_text));
  der::append(list, 0x30, law);
  auto out = der::tlv(0x30, list);
  if (broken) out[out.size() - law.size() - 1] = 0x7F;  // the last statement's length overruns
  return out;
}

}  // namespace

bridgelink::bytes make_certificate(const cert_spec& spec) {
  EVP_PKEY* key = new_key(spec.key);
  EVP_PKEY* ca_key = new_key(key_kind::ec_p256);  // throwaway issuer key: the chain is never checked here
  X509* cert = X509_new();
  if (!key || !ca_key || !cert) throw std::runtime_error("openssl allocation");
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 0x5EED);
  X509_time_adj_ex(X509_getm_notBefore(cert), 0, static_cast<long>(spec.not_before - now_unix()), nullptr);
  X509_time_adj_ex(X509_getm_notAfter(cert), 0, static_cast<long>(spec.not_after - now_unix()), nullptr);
  X509_NAME* subject = X509_get_subject_name(cert);
  add_entry(subject, "C", "TR");
  if (spec.serial_number_attr) add_entry(subject, "serialNumber", *spec.serial_number_attr);
  add_entry(subject, "CN", spec.holder);
  const bool test = spec.profile == cert_profile::kamu_sm_test;
  X509_NAME* issuer = X509_get_issuer_name(cert);
  add_entry(issuer, "C", "TR");
  add_entry(issuer, "O", "Türkiye Bilimsel ve Teknolojik Araştırma Kurumu - TÜBİTAK");
  add_entry(issuer, "OU", "Kamu Sertifikasyon Merkezi - Kamu SM");
  add_entry(issuer, "CN",
            "Kamu Elektronik Sertifika Hizmet Sağlayıcısı - Sürüm " + std::to_string(spec.issuer_version) +
                (test ? " - TEST" : ""));
  X509_set_pubkey(cert, key);
  switch (spec.profile) {
    case cert_profile::kamu_sm_nes:
    case cert_profile::kamu_sm_test:
    case cert_profile::mobile_nes:
      add_conf_ext(cert, NID_key_usage, "critical,digitalSignature,nonRepudiation");
      add_policy(cert, spec.profile == cert_profile::kamu_sm_nes    ? "2.16.792.1.2.1.1.5.7.1.1"
                       : spec.profile == cert_profile::kamu_sm_test ? "2.16.792.1.2.1.1.5.7.1.4.1"
                                                                    : "2.16.792.1.2.1.1.5.7.1.8");
      add_raw_ext(cert, NID_qcStatements,
                  qc_statements(test ? test_text : nes_text, spec.broken_qc_statements));
      break;
    case cert_profile::authentication:
      add_conf_ext(cert, NID_key_usage, "critical,digitalSignature,keyEncipherment");
      add_conf_ext(cert, NID_ext_key_usage, "clientAuth");
      break;
    case cert_profile::ca:
      add_conf_ext(cert, NID_basic_constraints, "critical,CA:TRUE");
      add_conf_ext(cert, NID_key_usage, "critical,keyCertSign,cRLSign");
      break;
    case cert_profile::bare: break;
  }
  if (!X509_sign(cert, ca_key, EVP_sha256())) throw std::runtime_error("sign");
  unsigned char* der = nullptr;
  const int n = i2d_X509(cert, &der);
  if (n <= 0) throw std::runtime_error("i2d_X509");
  bridgelink::bytes out(der, der + n);
  OPENSSL_free(der);
  X509_free(cert);
  EVP_PKEY_free(key);
  EVP_PKEY_free(ca_key);
  return out;
}

bridgelink::bytes subject_der(const bridgelink::bytes& certificate) {
  const unsigned char* p = certificate.data();
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(certificate.size()));
  if (!cert) throw std::runtime_error("d2i_X509");
  unsigned char* der = nullptr;
  const int n = i2d_X509_NAME(X509_get_subject_name(cert), &der);
  bridgelink::bytes out(der, der + (n > 0 ? n : 0));
  OPENSSL_free(der);
  X509_free(cert);
  return out;
}

}  // namespace eimza::test
