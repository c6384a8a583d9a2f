#include "bridgelink/frame.hpp"

#include <cstring>

#include "bridgelink/limits.hpp"

namespace bridgelink {

status pad_frame(byte_view body, secret_bytes& out) {
  if (body.size() > limits::body_max) return errc::oversized;
  out.wipe();
  out.resize(padded_size(body.size()));  // zero-filled
  out.data()[0] = static_cast<std::uint8_t>(body.size() >> 8);
  out.data()[1] = static_cast<std::uint8_t>(body.size());
  std::copy(body.begin(), body.end(), out.data() + 2);
  return ok_v;
}

result<byte_view> unpad_frame(byte_view padded) {
  if (padded.empty()) return errc::truncated;
  if (padded.size() > limits::padded_max) return errc::oversized;
  if (padded.size() % limits::pad_bucket != 0) return errc::bad_padding;
  const std::size_t len = std::size_t{padded[0]} << 8 | padded[1];
  if (len + 2 > padded.size()) return errc::bad_padding;
  // The bucket must be the smallest one that fits: no free-form padding to signal with.
  if (padded.size() - (len + 2) >= limits::pad_bucket) return errc::bad_padding;
  // The padding must be zeros: checked eight bytes at a time, then the rest.
  std::size_t i = len + 2;
  std::uint64_t acc = 0;
  for (; i + 8 <= padded.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, padded.data() + i, 8);
    acc |= word;
  }
  for (; i < padded.size(); ++i) acc |= padded[i];
  if (acc != 0) return errc::bad_padding;
  return padded.subspan(2, len);
}

}  // namespace bridgelink
