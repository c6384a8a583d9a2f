#include "card/tlv.hpp"

namespace eimza::card {

card_result<tlv> read_tlv(bridgelink::byte_view in) {
  std::size_t pos = 0;
  if (in.empty()) return card_errc::protocol_error;
  tlv t;
  const std::uint8_t first = in[pos++];
  t.constructed = (first & 0x20) != 0;
  t.tag = first;
  if ((first & 0x1F) == 0x1F) {  // multi-byte tag: at most two more bytes
    for (int i = 0;; ++i) {
      if (pos >= in.size() || i == 2) return card_errc::protocol_error;
      const std::uint8_t b = in[pos++];
      t.tag = t.tag << 8 | b;
      if ((b & 0x80) == 0) break;
    }
  }
  if (pos >= in.size()) return card_errc::protocol_error;
  const std::uint8_t l0 = in[pos++];
  std::size_t len = 0;
  if (l0 < 0x80) {
    len = l0;
  } else {
    const std::size_t n = l0 & 0x7F;
    if (n == 0 || n > 3) return card_errc::protocol_error;  // indefinite or absurd lengths
    if (in.size() - pos < n) return card_errc::protocol_error;
    for (std::size_t i = 0; i < n; ++i) len = len << 8 | in[pos++];
  }
  if (in.size() - pos < len) return card_errc::protocol_error;
  t.value = in.subspan(pos, len);
  t.total = pos + len;
  return t;
}

card_result<tlv> tlv_reader::next() {
  auto t = read_tlv(in_.subspan(pos_));
  if (t) pos_ += t->total;
  return t;
}

card_result<std::optional<tlv>> find_child(bridgelink::byte_view constructed_value, std::uint32_t tag) {
  tlv_reader r(constructed_value);
  while (!r.at_end()) {
    auto t = r.next();
    if (!t) return t.error();
    if (t->tag == tag) return std::optional<tlv>(*t);
  }
  return std::optional<tlv>{};
}

}  // namespace eimza::card
