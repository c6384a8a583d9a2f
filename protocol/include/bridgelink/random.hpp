#pragma once
// Randomness is injected so tests and vector generation can be deterministic.
#include <cstdint>
#include <span>

namespace bridgelink {

class random_source {
 public:
  virtual ~random_source() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

/// libsodium's CSPRNG (randombytes_buf).
/// Also initialises libsodium once (sodium_init is idempotent and thread-safe).
class system_random final : public random_source {
 public:
  system_random();
  void fill(std::span<std::uint8_t> out) override;
};

}  // namespace bridgelink
