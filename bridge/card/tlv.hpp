#pragma once
// BER-TLV (ISO 7816-4 / ASN.1 DER subset) reading with every length checked against the input.
// Tags up to 3 bytes, definite lengths up to 0x83 (16 MiB), never beyond the buffer.
#include <cstdint>
#include <optional>

#include "bridgelink/bytes.hpp"
#include "card/card_result.hpp"

namespace eimza::card {

struct tlv {
  std::uint32_t tag = 0;  // as written, e.g. 0x30, 0x5F20
  bool constructed = false;
  bridgelink::byte_view value;  // view into the input
  std::size_t total = 0;        // tag + length + value bytes
};

/// The TLV at the start of in. protocol_error for truncated or malformed input.
[[nodiscard]] card_result<tlv> read_tlv(bridgelink::byte_view in);

/// Iterates the TLVs inside a constructed value.
class tlv_reader {
 public:
  explicit tlv_reader(bridgelink::byte_view in) : in_(in) {}
  [[nodiscard]] bool at_end() const noexcept { return pos_ >= in_.size(); }
  [[nodiscard]] card_result<tlv> next();

 private:
  bridgelink::byte_view in_;
  std::size_t pos_ = 0;
};

/// The first child with tag among the children of a constructed value, if any.
[[nodiscard]] card_result<std::optional<tlv>> find_child(bridgelink::byte_view constructed_value,
                                                         std::uint32_t tag);

}  // namespace eimza::card
