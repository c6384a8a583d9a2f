#include "card/apdu_card.hpp"

#include "bridgelink/secret.hpp"
#include "card/akis_layout.hpp"
#include "card/tlv.hpp"

namespace eimza::card {
namespace {

card_result<std::string> serial_from_token_info(bridgelink::byte_view file) {
  auto seq = read_tlv(file);
  if (!seq || seq->tag != 0x30) return card_errc::protocol_error;
  tlv_reader r(seq->value);
  auto version = r.next();
  if (!version || version->tag != 0x02) return card_errc::protocol_error;
  auto serial = r.next();
  if (!serial || serial->tag != 0x04 || serial->value.empty() || serial->value.size() > 32)
    return card_errc::protocol_error;
  std::string hex = bridgelink::to_hex(serial->value);
  for (auto& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return hex;
}

std::string label_from_token_info(bridgelink::byte_view file) {
  auto seq = read_tlv(file);
  if (!seq) return {};
  auto label = find_child(seq->value, 0x80);
  if (!label || !*label) return {};
  return {reinterpret_cast<const char*>((*label)->value.data()), (*label)->value.size()};
}

bool absent(std::uint16_t sw) {
  return sw == 0x6A82 || sw == 0x6A88;
}

}  // namespace

bool same_card_serial(std::string_view a, std::string_view b) noexcept {
  auto next = [](std::string_view s, std::size_t& i) -> int {
    while (i < s.size() && (s[i] == ' ' || s[i] == '-')) ++i;
    return i < s.size() ? std::toupper(static_cast<unsigned char>(s[i++])) : -1;
  };
  std::size_t i = 0, j = 0;
  int n = 0;
  for (;;) {
    const int x = next(a, i), y = next(b, j);
    if (x != y) return false;
    if (x < 0) return n > 0;
    ++n;
  }
}

bool valid_new_pin(bridgelink::byte_view pin, std::size_t min_len, std::size_t max_len) noexcept {
  if (pin.size() < std::max(min_len, layout::pin_min) || pin.size() > std::min(max_len, layout::pin_max))
    return false;
  for (auto c : pin)
    if (c < '0' || c > '9') return false;
  return true;
}

apdu_card::apdu_card(card_channel& channel)
    : channel_(channel), pin_commands_(identify(channel.atr()) == card_family::virtual_card) {}

card_result<bridgelink::bytes> apdu_card::transmit(byte_view raw) {
  if (--budget_ < 0) return card_errc::protocol_error;  // a card that never stops answering
  return channel_.transmit(raw);
}

card_result<response_apdu> apdu_card::exchange(const command_apdu& c) {
  auto raw = encode(c);
  if (!raw) return raw.error();
  command_apdu current = c;
  for (int round = 0; round < 4; ++round) {
    auto reply = transmit(*raw);
    if (!reply) return reply.error();
    auto r = decode_response(*reply);
    if (!r) return r.error();
    if (r->sw1() == 0x6C && round < 3) {  // wrong Le: the card says the right one
      current.le = r->sw2() == 0 ? std::uint16_t{256} : std::uint16_t{r->sw2()};
      raw = encode(current);
      if (!raw) return raw.error();
      continue;
    }
    if (r->sw1() == 0x61) {  // more data waiting: GET RESPONSE, bounded
      bytes data = std::move(r->data);
      for (int more = 0; more < 64 && r->sw1() == 0x61; ++more) {
        command_apdu get{0x00, 0xC0, 0x00,
                         0x00, {},   r->sw2() == 0 ? std::uint16_t{256} : std::uint16_t{r->sw2()}};
        auto g = encode(get);
        auto rep = transmit(*g);
        if (!rep) return rep.error();
        auto next = decode_response(*rep);
        if (!next) return next.error();
        data.insert(data.end(), next->data.begin(), next->data.end());
        r = std::move(next);
      }
      if (r->sw1() == 0x61) return card_errc::protocol_error;
      r->data = std::move(data);
    }
    return r;
  }
  return card_errc::protocol_error;
}

card_status apdu_card::expect_ok(const command_apdu& c) {
  auto r = exchange(c);
  if (!r) return r.error();
  if (!r->ok()) return error_from_status(r->sw);
  return done;
}

card_status apdu_card::select_application() {
  if (auto st = expect_ok(select_master_file()); !st) return st.error();
  return expect_ok(select_df_name(layout::pkcs15_df_name));
}

card_result<bytes> apdu_card::read_selected(std::size_t max) {
  bytes out;
  while (out.size() <= max) {
    if (out.size() > 0x7FFF) return card_errc::protocol_error;  // READ BINARY offsets are 15 bits
    auto r = exchange(read_binary(static_cast<std::uint16_t>(out.size()), layout::read_chunk));
    if (!r) return r.error();
    if (r->sw == 0x6B00 || (r->sw == 0x6282 && r->data.empty())) break;  // offset at the end
    if (!r->ok() && r->sw != 0x6282) return error_from_status(r->sw);
    if (r->data.size() > layout::read_chunk) return card_errc::protocol_error;
    out.insert(out.end(), r->data.begin(), r->data.end());
    if (r->sw == 0x6282 || r->data.size() < layout::read_chunk) break;
  }
  if (out.size() > max) return card_errc::protocol_error;
  return out;
}

card_result<pin_state> apdu_card::read_pin_state() {
  auto r = exchange(pin_status(layout::user_pin_ref));
  if (!r) return r.error();
  pin_state p;
  if ((r->sw & 0xFFF0) == 0x63C0) {
    p.retries_left = r->sw & 0x0F;
    p.blocked = *p.retries_left == 0;
    p.final_try = *p.retries_left == 1;
    p.count_low = *p.retries_left < 3;
  } else if (error_from_status(r->sw) == card_errc::pin_blocked) {
    p.retries_left = 0;
    p.blocked = true;
  } else if (!r->ok()) {  // 9000: already verified in this session; the counter is then full
    return error_from_status(r->sw);
  }
  return p;
}

card_result<card_summary> apdu_card::read_summary() {
  card_transaction tx(channel_);
  if (!tx.status()) return tx.status().error();
  budget_ = layout::apdu_budget;
  card_summary s;
  s.source = "pcsc";
  s.reader = channel_.reader_name();
  s.atr = channel_.atr();
  s.family = identify(s.atr);
  if (auto st = select_application(); !st) return st.error();
  // TokenInfo: the card serial the portal shows. A card without one is read on; the journey
  // refuses a card whose serial it cannot compare.
  if (auto r = exchange(select_file(layout::token_info_fid)); !r) {
    return r.error();
  } else if (r->ok()) {
    auto info = read_selected(layout::token_info_max);
    if (!info) return info.error();
    auto serial = serial_from_token_info(*info);
    if (!serial) return serial.error();
    s.serial = std::move(*serial);
    s.label = label_from_token_info(*info);
  } else if (!absent(r->sw)) {
    return error_from_status(r->sw);
  }
  for (std::uint16_t fid = layout::first_certificate_fid; fid <= layout::last_certificate_fid; ++fid) {
    auto r = exchange(select_file(fid));
    if (!r) return r.error();
    if (absent(r->sw)) continue;
    if (!r->ok()) return error_from_status(r->sw);
    auto der = read_selected(certificate_max);
    if (!der) {
      if (der.error() != card_errc::protocol_error) return der.error();
      ++s.unreadable_certificates;  // an oversized or malformed file: the others may still be fine
      continue;
    }
    if (auto cert = parse_certificate(*der))
      s.certificates.push_back(std::move(*cert));
    else
      ++s.unreadable_certificates;
  }
  s.choice = choose_signing_certificate(s.certificates);
  if (pin_commands_) {
    auto pin = read_pin_state();
    if (!pin) return pin.error();
    s.pin = *pin;
  } else {
    s.pin.known = false;
  }
  return s;
}

card_status apdu_card::change_pin(const bridgelink::secret_bytes& old_pin,
                                  const bridgelink::secret_bytes& new_pin) {
  if (!pin_commands_)
    return card_errc::driver_missing;  // real cards: C_SetPIN through the vendor module only
  if (!valid_new_pin(new_pin.view()) || old_pin.size() > layout::pin_max || old_pin.empty())
    return card_errc::pin_format;
  card_transaction tx(channel_);
  if (!tx.status()) return tx.status().error();
  budget_ = layout::apdu_budget;
  if (auto st = select_application(); !st) return st.error();
  auto state = read_pin_state();
  if (!state) return state.error();
  if (state->blocked) return card_errc::pin_blocked;
  bridgelink::secret_bytes data;
  const std::uint8_t old_len = static_cast<std::uint8_t>(old_pin.size());
  const std::uint8_t new_len = static_cast<std::uint8_t>(new_pin.size());
  data.append(bridgelink::byte_view(&old_len, 1));
  data.append(old_pin.view());
  data.append(bridgelink::byte_view(&new_len, 1));
  data.append(new_pin.view());
  command_apdu c{0x00,
                 layout::ins_change_reference_data,
                 0x00,
                 layout::user_pin_ref,
                 bytes(data.view().begin(), data.view().end()),
                 {}};
  auto raw = encode(c);
  bridgelink::secure_wipe(c.data.data(), c.data.size());
  if (!raw) return raw.error();
  auto reply = transmit(*raw);  // exactly one attempt
  bridgelink::secure_wipe(raw->data(), raw->size());
  if (!reply) return reply.error();
  auto r = decode_response(*reply);
  if (!r) return r.error();
  if (!r->ok()) return error_from_status(r->sw);
  return done;
}

}  // namespace eimza::card
