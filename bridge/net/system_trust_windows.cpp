#include <windows.h>
// after windows.h, which it needs
#include <wincrypt.h>

#include "net/system_trust.hpp"

namespace eimza::net {

namespace {

// Every certificate of one system store into `into`; duplicates are ignored by OpenSSL.
int add_store(X509_STORE* into, DWORD location, const wchar_t* name) {
  HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0,
                                   location | CERT_STORE_READONLY_FLAG | CERT_STORE_OPEN_EXISTING_FLAG, name);
  if (!store) return 0;
  int added = 0;
  const CERT_CONTEXT* c = nullptr;
  while ((c = CertEnumCertificatesInStore(store, c)) != nullptr) {
    if (c->dwCertEncodingType != X509_ASN_ENCODING) continue;
    const unsigned char* der = c->pbCertEncoded;
    X509* x = d2i_X509(nullptr, &der, static_cast<long>(c->cbCertEncoded));
    if (!x) continue;  // something OpenSSL cannot read: not ours to trust
    if (X509_STORE_add_cert(into, x) == 1) ++added;
    X509_free(x);
  }
  CertCloseStore(store, 0);
  return added;
}

}  // namespace

int use_system_trust(SSL_CTX* ctx) {
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  int added = 0;
  for (DWORD location : {CERT_SYSTEM_STORE_CURRENT_USER, CERT_SYSTEM_STORE_LOCAL_MACHINE})
    added += add_store(store, location, L"ROOT");
  // Intermediates an institution deploys: offered for chain building; trust still ends at a root.
  for (DWORD location : {CERT_SYSTEM_STORE_CURRENT_USER, CERT_SYSTEM_STORE_LOCAL_MACHINE})
    added += add_store(store, location, L"CA");
  return added;
}

}  // namespace eimza::net
