#include "bridgelink/secret.hpp"

#include <sodium.h>

namespace bridgelink {

void secure_wipe(void* p, std::size_t n) noexcept {
  sodium_memzero(p, n);
}

bool constant_time_equal(byte_view a, byte_view b) noexcept {
  if (a.size() != b.size()) return false;  // lengths are public here
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace bridgelink
