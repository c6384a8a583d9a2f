#include "card/atr.hpp"

#include <algorithm>
#include <string_view>

namespace eimza::card {

card_result<atr_info> parse_atr(bridgelink::byte_view atr) {
  // TS, T0 at least; ISO 7816-3 caps an ATR at 33 bytes.
  if (atr.size() < 2 || atr.size() > 33) return card_errc::protocol_error;
  if (atr[0] != 0x3B && atr[0] != 0x3F) return card_errc::protocol_error;
  atr_info info;
  std::size_t pos = 1;
  std::uint8_t y = atr[pos] >> 4;
  const std::size_t k = atr[pos] & 0x0F;
  ++pos;
  bool only_t0 = true;
  for (int level = 1; y; ++level) {
    for (int bit = 0; bit < 3; ++bit)  // TA, TB, TC
      if (y & (1 << bit)) {
        if (pos >= atr.size()) return card_errc::protocol_error;
        ++pos;
      }
    if (!(y & 0x08)) break;  // no TD
    if (pos >= atr.size() || level > 8) return card_errc::protocol_error;
    const std::uint8_t td = atr[pos++];
    const int t = td & 0x0F;
    if (std::find(info.protocols.begin(), info.protocols.end(), t) == info.protocols.end())
      info.protocols.push_back(t);
    if (t != 0) only_t0 = false;
    y = td >> 4;
  }
  if (info.protocols.empty()) info.protocols.push_back(0);
  if (atr.size() - pos < k) return card_errc::protocol_error;
  info.historical.assign(atr.begin() + static_cast<std::ptrdiff_t>(pos),
                         atr.begin() + static_cast<std::ptrdiff_t>(pos + k));
  pos += k;
  info.tck_present = !only_t0;
  if (info.tck_present) {
    if (pos + 1 != atr.size()) return card_errc::protocol_error;
    std::uint8_t x = 0;
    for (std::size_t i = 1; i < atr.size(); ++i) x ^= atr[i];
    info.tck_ok = x == 0;
  } else if (pos != atr.size()) {
    return card_errc::protocol_error;
  }
  return info;
}

card_family identify(bridgelink::byte_view atr, const std::vector<atr_pattern>& extra) {
  auto info = parse_atr(atr);
  if (info) {
    const auto& h = info->historical;
    const std::string_view hist(reinterpret_cast<const char*>(h.data()), h.size());
    if (hist == virtual_card_marker) return card_family::virtual_card;
    if (hist.find("UEKAE") != std::string_view::npos) return card_family::akis_v1;
    static constexpr std::uint8_t v2_head[] = {0x80, 0x65, 0x54, 0x43};
    static constexpr std::uint8_t v2_tail[] = {0x31, 0xC0, 0x73, 0xF6, 0x21, 0x80, 0x81};
    if (h.size() >= 14 && std::equal(std::begin(v2_head), std::end(v2_head), h.begin()) &&
        std::equal(std::begin(v2_tail), std::end(v2_tail), h.begin() + 7))
      return card_family::akis_v2_or_id;
    static constexpr std::uint8_t v3_head[] = {0x80, 0x66, 0x68, 0x32, 0x09};
    if (h.size() >= 5 && std::equal(std::begin(v3_head), std::end(v3_head), h.begin()))
      return card_family::akis_v3;
  }
  for (const auto& p : extra) {
    if (p.value.size() != atr.size() || p.mask.size() != atr.size()) continue;
    bool match = true;
    for (std::size_t i = 0; i < atr.size() && match; ++i) match = (atr[i] & p.mask[i]) == p.value[i];
    if (match) return p.family;
  }
  return card_family::unknown;
}

bool is_akis(card_family f) noexcept {
  return f == card_family::akis_v1 || f == card_family::akis_v2_or_id || f == card_family::akis_v3 ||
         f == card_family::akis_family;
}

std::string_view family_name(card_family f) noexcept {
  switch (f) {
    case card_family::virtual_card: return "virtual";
    case card_family::akis_v1: return "akis_v1";
    case card_family::akis_v2_or_id: return "akis_v2_or_id_card";
    case card_family::akis_v3: return "akis_v3";
    case card_family::akis_family: return "akis_family";
    case card_family::unknown: return "unknown";
  }
  return "unknown";
}

}  // namespace eimza::card
