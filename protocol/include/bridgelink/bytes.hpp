#pragma once
// Byte containers and hex/base64url helpers shared by the protocol code.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bridgelink {

using bytes = std::vector<std::uint8_t>;
using byte_view = std::span<const std::uint8_t>;

[[nodiscard]] std::string to_hex(byte_view data);
/// Lower- or upper-case hex, even length; nullopt on anything else.
[[nodiscard]] std::optional<bytes> from_hex(std::string_view text);

/// RFC 4648 base64url without padding.
[[nodiscard]] std::string to_base64url(byte_view data);
/// Strict: URL alphabet only, no padding, no whitespace, canonical trailing bits.
[[nodiscard]] std::optional<bytes> from_base64url(std::string_view text);

[[nodiscard]] inline byte_view as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

inline void append(bytes& out, byte_view in) {
  out.insert(out.end(), in.begin(), in.end());
}

}  // namespace bridgelink
