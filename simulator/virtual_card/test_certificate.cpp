#include "virtual_card/test_certificate.hpp"

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <stdexcept>

namespace eimza::test {

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

namespace {
EVP_PKEY* new_key(bool ec) {
  return ec ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048);
}

void add_entry(X509_NAME* name, const char* field, const std::string& value) {
  if (!X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()),
                                  -1, -1, 0))
    throw std::runtime_error(std::string("cannot set ") + field);
}
}  // namespace

bridgelink::bytes make_certificate(const cert_spec& spec) {
  EVP_PKEY* key = new_key(spec.ec_key);
  EVP_PKEY* ca_key = new_key(false);
  X509* cert = X509_new();
  if (!key || !ca_key || !cert) throw std::runtime_error("openssl allocation");
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 0x5EED);
  X509_time_adj_ex(X509_getm_notBefore(cert), 0, static_cast<long>(spec.not_before - now_unix()), nullptr);
  X509_time_adj_ex(X509_getm_notAfter(cert), 0, static_cast<long>(spec.not_after - now_unix()), nullptr);
  X509_NAME* subject = X509_get_subject_name(cert);
  add_entry(subject, "C", "TR");
  add_entry(subject, "CN", spec.holder);
  if (spec.serial_number_attr) add_entry(subject, "serialNumber", *spec.serial_number_attr);
  X509_NAME* issuer = X509_get_issuer_name(cert);
  add_entry(issuer, "C", "TR");
  add_entry(issuer, "O", "Kamu Sertifikasyon Merkezi (TEST)");
  add_entry(issuer, "CN", "Kamu SM Test NES Hizmet Sağlayıcısı");
  X509_set_pubkey(cert, key);
  if (!spec.policy.empty()) {
    CERTIFICATEPOLICIES* pols = sk_POLICYINFO_new_null();
    POLICYINFO* pi = POLICYINFO_new();
    pi->policyid = OBJ_txt2obj(spec.policy.c_str(), 1);
    if (!pols || !pi || !pi->policyid) throw std::runtime_error("policy OID");
    sk_POLICYINFO_push(pols, pi);
    if (!X509_add1_ext_i2d(cert, NID_certificate_policies, pols, 0, X509V3_ADD_DEFAULT))
      throw std::runtime_error("policy extension");
    CERTIFICATEPOLICIES_free(pols);
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
