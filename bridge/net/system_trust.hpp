#pragma once
// The system's trust anchors for the bridge's own TLS connections (the relay link): Linux reads
// OpenSSL's default locations (Debian's bundle, SSL_CERT_FILE/SSL_CERT_DIR); Windows feeds the
// certificates of the user's and the machine's "Root" and "CA" stores into OpenSSL, so an
// institution's own CA, deployed by group policy, is trusted as it is by the browser.
// (The portal's libcurl uses Schannel on Windows, which reads the store itself.)
#include <openssl/ssl.h>

namespace eimza::net {

/// Adds the system's trust anchors to ctx's certificate store; the number of certificates added
/// (Windows), or -1 when OpenSSL's default locations were set (Linux, where they load lazily).
int use_system_trust(SSL_CTX* ctx);

}  // namespace eimza::net
