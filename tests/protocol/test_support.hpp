#pragma once
// Helpers shared by the protocol unit tests.
#include <cstdint>
#include <span>
#include <string>

#include "bridgelink/bytes.hpp"
#include "bridgelink/random.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink::test {

/// Deterministic bytes: 0, 1, 2, ... continuing across calls (never for real keys).
class counting_random final : public random_source {
 public:
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = next_++;
  }

 private:
  std::uint8_t next_ = 0;
};

inline bytes hex(std::string_view h) {
  return from_hex(h).value();
}
inline std::string text_of(const secret_bytes& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}

}  // namespace bridgelink::test
