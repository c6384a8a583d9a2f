#include "card/apdu.hpp"

#include "card/akis_layout.hpp"

namespace eimza::card {

card_result<bytes> encode(const command_apdu& c) {
  if (c.data.size() > 255) return card_errc::protocol_error;
  if (c.le && (*c.le == 0 || *c.le > 256)) return card_errc::protocol_error;
  bytes out{c.cla, c.ins, c.p1, c.p2};
  if (!c.data.empty()) {
    out.push_back(static_cast<std::uint8_t>(c.data.size()));
    out.insert(out.end(), c.data.begin(), c.data.end());
  }
  if (c.le) out.push_back(static_cast<std::uint8_t>(*c.le == 256 ? 0 : *c.le));
  return out;
}

card_result<response_apdu> decode_response(byte_view raw) {
  if (raw.size() < 2) return card_errc::protocol_error;
  response_apdu r;
  r.data.assign(raw.begin(), raw.end() - 2);
  r.sw = static_cast<std::uint16_t>(raw[raw.size() - 2] << 8 | raw[raw.size() - 1]);
  return r;
}

card_errc error_from_status(std::uint16_t sw) noexcept {
  switch (sw) {
    case 0x6983:                                 // AKIS v2.x
    case 0x6984: return card_errc::pin_blocked;  // AKIS v1.x
    case 0x6A82:
    case 0x6A88:
    case 0x6999: return card_errc::file_not_found;
    case 0x6700:
    case 0x6B00:
    case 0x6A86: return card_errc::protocol_error;
    default: break;
  }
  if ((sw & 0xFFF0) == 0x63C0) return card_errc::pin_wrong;
  return card_errc::unexpected_status;
}

command_apdu select_master_file() {
  return select_file(layout::master_file);
}

command_apdu select_df_name(byte_view name) {
  return {0x00, 0xA4, 0x04, 0x0C, bytes(name.begin(), name.end()), {}};
}

command_apdu select_file(std::uint16_t fid) {
  return {0x00, 0xA4, 0x02, 0x0C, {static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)}, {}};
}

command_apdu read_binary(std::uint16_t offset, std::uint16_t le) {
  return {0x00, 0xB0, static_cast<std::uint8_t>(offset >> 8 & 0x7F), static_cast<std::uint8_t>(offset),
          {},   le};
}

command_apdu pin_status(std::uint8_t pin_ref) {
  return {0x00, 0x20, 0x00, pin_ref, {}, {}};
}

}  // namespace eimza::card
