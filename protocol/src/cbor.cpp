#include "bridgelink/cbor.hpp"

namespace bridgelink::cbor {

std::size_t encode_head(major m, std::uint64_t arg, std::uint8_t (&out)[9]) noexcept {
  const auto mt = static_cast<std::uint8_t>(static_cast<std::uint8_t>(m) << 5);
  if (arg < 24) {
    out[0] = static_cast<std::uint8_t>(mt | arg);
    return 1;
  }
  const int width = arg <= 0xff ? 1 : arg <= 0xffff ? 2 : arg <= 0xffffffffULL ? 4 : 8;
  out[0] = static_cast<std::uint8_t>(mt | (width == 1 ? 24 : width == 2 ? 25 : width == 4 ? 26 : 27));
  for (int i = 0; i < width; ++i) out[1 + i] = static_cast<std::uint8_t>(arg >> (8 * (width - 1 - i)));
  return 1 + static_cast<std::size_t>(width);
}

void writer::head(major m, std::uint64_t arg) {
  std::uint8_t buf[9];
  out_.append(byte_view(buf, encode_head(m, arg, buf)));
}

void writer::bytes(byte_view b) {
  head(major::bytes, b.size());
  out_.append(b);
}

void writer::text(std::string_view s) {
  head(major::text, s.size());
  out_.append(as_bytes(s));
}

void writer::boolean(bool b) {
  const std::uint8_t v = b ? 0xf5 : 0xf4;
  out_.append(byte_view(&v, 1));
}

result<major> reader::peek() const {
  if (at_end()) return errc::truncated;
  const auto m = static_cast<std::uint8_t>(in_[pos_] >> 5);
  switch (m) {
    case 0:
    case 2:
    case 3:
    case 4:
    case 5:
    case 7: return static_cast<major>(m);
    default: return errc::bad_encoding;
  }
}

result<std::uint64_t> reader::long_head(major expected) {
  if (at_end()) return errc::truncated;
  const std::uint8_t ib = in_[pos_];
  if ((ib >> 5) != static_cast<std::uint8_t>(expected)) return errc::bad_field;
  const std::uint8_t ai = ib & 31;         // not below 24: head() took those
  if (ai > 27) return errc::bad_encoding;  // indefinite lengths and reserved values
  const std::size_t width = std::size_t{1} << (ai - 24);
  if (remaining() < 1 + width) return errc::truncated;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < width; ++i) v = v << 8 | in_[pos_ + 1 + i];
  // Shortest form only: the same value must not have two encodings.
  const std::uint64_t floor = width == 1 ? 24 : width == 2 ? 0x100 : width == 4 ? 0x10000 : 0x100000000ULL;
  if (v < floor) return errc::bad_encoding;
  pos_ += 1 + width;
  return v;
}

result<bool> reader::boolean() {
  if (at_end()) return errc::truncated;
  const auto b = in_[pos_];
  if (b != 0xf4 && b != 0xf5) return errc::bad_field;
  ++pos_;
  return b == 0xf5;
}

bool valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3f);
    }
    const std::uint32_t min_cp = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min_cp || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

}  // namespace bridgelink::cbor
