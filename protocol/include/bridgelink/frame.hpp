#pragma once
// Plaintext framing inside one Noise transport message:
//   u16 big-endian body length || body || zero bytes, total a multiple of 64 (at least 64),
// so the lengths of PINs and phone numbers do not show in ciphertext sizes.
#include "bridgelink/bytes.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/limits.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink {

/// The padded size of a body of n bytes: the length prefix and the body, rounded up to the bucket.
[[nodiscard]] constexpr std::size_t padded_size(std::size_t n) noexcept {
  return (n + 2 + limits::pad_bucket - 1) / limits::pad_bucket * limits::pad_bucket;
}

/// Replaces out with the padded form of body. oversized when body > limits::body_max.
[[nodiscard]] status pad_frame(byte_view body, secret_bytes& out);

/// The body inside a padded plaintext (a view into padded). Rejects a total that is not a
/// non-zero multiple of 64 or above limits::padded_max, a length beyond the frame, and
/// non-zero padding.
[[nodiscard]] result<byte_view> unpad_frame(byte_view padded);

}  // namespace bridgelink
