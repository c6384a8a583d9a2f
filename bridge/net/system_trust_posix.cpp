#include "net/system_trust.hpp"

namespace eimza::net {

int use_system_trust(SSL_CTX* ctx) {
  SSL_CTX_set_default_verify_paths(ctx);
  return -1;
}

}  // namespace eimza::net
