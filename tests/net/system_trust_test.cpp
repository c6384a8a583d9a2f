// The relay link's trust anchors come from the system (net/system_trust.hpp): a certificate from
// a CA the system does not trust is refused; on Linux, once OpenSSL's default locations hold that
// CA (SSL_CERT_FILE), it is accepted; on Windows the Root and CA stores' certificates reach
// OpenSSL (under wine the Root store is filled from the host's bundle, so a named root is checked).
// Adding a test CA to Windows' Root store cannot be shown here: on a PC it asks the person, and
// wine's Root store is rebuilt from the host on every open.
// Windows' headers first: OpenSSL's then undo their X509_NAME and similar macros.
#ifdef _WIN32
#include <windows.h>
// after windows.h, which it needs
#include <wincrypt.h>
#endif

#include "net/system_trust.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#ifdef X509_NAME
#undef X509_NAME  // wincrypt.h's macro, in the way of OpenSSL's type
#endif

namespace {

struct x509_free {
  void operator()(X509* x) const { X509_free(x); }
};
struct key_free {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using cert_ptr = std::unique_ptr<X509, x509_free>;
using key_ptr = std::unique_ptr<EVP_PKEY, key_free>;

cert_ptr make_cert(const char* cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key, bool ca) {
  cert_ptr x(X509_new());
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), ca ? 1 : 2);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  X509_set_pubkey(x.get(), key);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509_set_issuer_name(x.get(), issuer ? X509_get_subject_name(issuer) : name);
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, issuer ? issuer : x.get(), x.get(), nullptr, nullptr, 0);
  X509_EXTENSION* bc =
      X509V3_EXT_conf_nid(nullptr, &v3, NID_basic_constraints, ca ? "critical,CA:TRUE" : "CA:FALSE");
  X509_add_ext(x.get(), bc, -1);
  X509_EXTENSION_free(bc);
  if (ca) {
    X509_EXTENSION* ku = X509V3_EXT_conf_nid(nullptr, &v3, NID_key_usage, "critical,keyCertSign,cRLSign");
    X509_add_ext(x.get(), ku, -1);
    X509_EXTENSION_free(ku);
  }
  X509_sign(x.get(), issuer_key ? issuer_key : key, EVP_sha256());
  return x;
}

struct test_pki {
  key_ptr ca_key{EVP_EC_gen("P-256")}, leaf_key{EVP_EC_gen("P-256")};
  cert_ptr ca = make_cert("e-imza test kurum CA", ca_key.get(), nullptr, nullptr, true);
  cert_ptr leaf = make_cert("relay.kurum.example", leaf_key.get(), ca.get(), ca_key.get(), false);
};

// Does a context set up with the system's trust accept leaf?
bool system_accepts(X509* leaf, int* added = nullptr) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  const int n = eimza::net::use_system_trust(ctx);
  if (added) *added = n;
  X509_STORE_CTX* v = X509_STORE_CTX_new();
  X509_STORE_CTX_init(v, SSL_CTX_get_cert_store(ctx), leaf, nullptr);
  const bool ok = X509_verify_cert(v) == 1;
  X509_STORE_CTX_free(v);
  SSL_CTX_free(ctx);
  return ok;
}

#ifdef _WIN32
bool under_wine() {
  return GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "wine_get_version") != nullptr;
}

#endif

}  // namespace

TEST(SystemTrust, UnknownCaIsRefusedAndTheSystemsCaIsAccepted) {
  test_pki pki;
  ASSERT_TRUE(pki.ca && pki.leaf);
  EXPECT_FALSE(system_accepts(pki.leaf.get())) << "a CA the system does not trust";
#ifndef _WIN32
  const auto file =
      std::filesystem::temp_directory_path() / ("eimza-trust-" + std::to_string(::getpid()) + ".pem");
  {
    FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_TRUE(f);
    PEM_write_X509(f, pki.ca.get());
    std::fclose(f);
  }
  ::setenv("SSL_CERT_FILE", file.c_str(), 1);
  EXPECT_TRUE(system_accepts(pki.leaf.get())) << "OpenSSL's default locations (SSL_CERT_FILE here)";
  ::unsetenv("SSL_CERT_FILE");
  std::filesystem::remove(file);
#endif
}

#ifdef _WIN32
// The subject names of every certificate in ctx's store.
static std::string subjects(SSL_CTX* ctx) {
  std::string all;
  auto* objs = X509_STORE_get0_objects(SSL_CTX_get_cert_store(ctx));
  for (int i = 0; i < sk_X509_OBJECT_num(objs); ++i)
    if (X509* c = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i))) {
      char buf[512];
      X509_NAME_oneline(X509_get_subject_name(c), buf, sizeof buf);
      all += buf;
      all += "\n";
    }
  return all;
}

TEST(SystemTrust, TheStoresCertificatesReachOpenSsl) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  const int added = eimza::net::use_system_trust(ctx);
  EXPECT_GT(added, 20) << "certificates taken from the Root and CA stores";
  if (under_wine()) {
    // Wine's Root store is the host's bundle: Debian's ca-certificates has these.
    const auto names = subjects(ctx);
    EXPECT_NE(names.find("CN=ISRG Root X1"), std::string::npos);
    EXPECT_NE(names.find("CN=DigiCert Global Root G2"), std::string::npos);
  }
  SSL_CTX_free(ctx);
}
#endif
