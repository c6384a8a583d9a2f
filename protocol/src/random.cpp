#include "bridgelink/random.hpp"

#include <sodium.h>

#include <cstdlib>

namespace bridgelink {

system_random::system_random() {
  if (sodium_init() < 0) std::abort();  // no usable CSPRNG: nothing safe can be done
}

void system_random::fill(std::span<std::uint8_t> out) {
  randombytes_buf(out.data(), out.size());
}

}  // namespace bridgelink
