#include "virtual_card/virtual_akis_card.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "card/akis_layout.hpp"
#include "card/atr.hpp"
#include "virtual_card/der_writer.hpp"

namespace eimza::sim {
namespace layout = card::layout;
using bridgelink::byte_view;
using bridgelink::bytes;

namespace {

bytes sw(std::uint16_t s) {
  return {static_cast<std::uint8_t>(s >> 8), static_cast<std::uint8_t>(s)};
}

bytes with_sw(bytes data, std::uint16_t s) {
  data.push_back(static_cast<std::uint8_t>(s >> 8));
  data.push_back(static_cast<std::uint8_t>(s));
  return data;
}

bool all_digits(byte_view b) {
  return std::all_of(b.begin(), b.end(), [](std::uint8_t c) { return c >= '0' && c <= '9'; });
}

bytes read_file_bytes(const std::filesystem::path& p) {
  std::ifstream cf(p, std::ios::binary);
  if (!cf) throw std::runtime_error("cannot open certificate " + p.string());
  bytes out(std::istreambuf_iterator<char>(cf), {});
  if (out.empty() || out.size() > 0x7FFF)
    throw std::runtime_error("certificate size out of range: " + p.string());
  return out;
}

}  // namespace

bytes default_atr() {
  // 3B, T0 = TD1 present + 13 historical bytes, TD1 = T=0 + TD2, TD2 = T=1, "EIMZA-VIRTUAL", TCK.
  bytes atr{0x3B, 0x8D, 0x80, 0x01};
  for (char c : card::virtual_card_marker) atr.push_back(static_cast<std::uint8_t>(c));
  std::uint8_t tck = 0;
  for (std::size_t i = 1; i < atr.size(); ++i) tck ^= atr[i];
  atr.push_back(tck);
  return atr;
}

bytes atr_preset(std::string_view name) {
  if (name == "virtual") return default_atr();
  if (name == "akis_v1.0") return *bridgelink::from_hex("3BBA11008131FE4D55454B41452056312E30AE");
  if (name == "akis_v1.2") return *bridgelink::from_hex("3B9F968131FE45806755454B41451212318073B3A180EA");
  if (name == "akis_v2")
    return *bridgelink::from_hex(
        "3B9F978131FE45806554"
        "43D2210831C073F6218081055B");
  throw std::invalid_argument("unknown ATR preset " + std::string(name));
}

card_fixture load_fixture(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open fixture " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(ss.str(), ec);
  if (ec || !doc.is_object()) throw std::runtime_error("fixture is not a JSON object: " + path);
  const auto& o = doc.as_object();
  card_fixture f;
  auto text = [&](std::string_view k) -> std::string {
    auto it = o.find(k);
    if (it == o.end() || !it->value().is_string())
      throw std::runtime_error("fixture needs a string \"" + std::string(k) + "\"");
    return std::string(it->value().as_string());
  };
  auto serial = bridgelink::from_hex(text("serial"));
  if (!serial || serial->size() != layout::serial_len)
    throw std::runtime_error("fixture serial must be 16 hex chars");
  f.serial = *serial;
  const auto pin = text("pin");
  if (pin.size() < layout::pin_min || pin.size() > layout::pin_max || !all_digits(bridgelink::as_bytes(pin)))
    throw std::runtime_error("fixture pin must be 6-16 digits");
  f.pin = bridgelink::secret_bytes(bridgelink::as_bytes(pin));
  if (auto it = o.find("label"); it != o.end()) f.label = std::string(it->value().as_string());
  if (auto it = o.find("pin_retries"); it != o.end()) {
    const auto n = it->value().to_number<int>();
    if (n < 0 || n > 15) throw std::runtime_error("fixture pin_retries must be 0-15");
    f.pin_retries = n;
  }
  f.atr = default_atr();
  if (auto it = o.find("atr"); it != o.end() && it->value().is_string()) {
    const std::string_view v = it->value().as_string();
    auto atr = bridgelink::from_hex(v);
    if (!atr) {
      try {
        atr = atr_preset(v);
      } catch (const std::invalid_argument&) {
        throw std::runtime_error(
            "fixture atr must be 2-33 hex bytes or a preset (akis_v1.0, akis_v1.2, akis_v2)");
      }
    }
    if (atr->size() < 2 || atr->size() > 33) throw std::runtime_error("fixture atr must be 2-33 hex bytes");
    f.atr = *atr;
  }
  auto resolve = [&](std::string_view name) {
    auto p = std::filesystem::path(std::string(name));
    return p.is_relative() ? std::filesystem::path(path).parent_path() / p : p;
  };
  if (auto it = o.find("certificates"); it != o.end() && it->value().is_array()) {
    for (const auto& v : it->value().as_array()) {
      if (!v.is_string()) throw std::runtime_error("fixture certificates must be file names");
      f.certificates.push_back(read_file_bytes(resolve(v.as_string())));
    }
  } else {
    f.certificates.push_back(read_file_bytes(resolve(text("certificate"))));
  }
  const std::size_t max_certs = layout::last_certificate_fid - layout::first_certificate_fid + 1;
  if (f.certificates.empty() || f.certificates.size() > max_certs)
    throw std::runtime_error("fixture needs 1-16 certificates");
  return f;
}

void virtual_akis_card::reset() noexcept {
  df_selected_ = false;
  file_.reset();
  verified_ = false;
}

bytes virtual_akis_card::token_info() const {
  bytes inner;
  const std::uint8_t version = 0;
  der::append(inner, 0x02, byte_view(&version, 1));
  der::append(inner, 0x04, f_.serial);
  der::append(inner, 0x0C, bridgelink::as_bytes("TUBITAK BILGEM (virtual)"));
  der::append(inner, 0x80, bridgelink::as_bytes(f_.label));
  return der::tlv(0x30, inner);
}

bytes virtual_akis_card::respond(byte_view c) {
  if (c.size() < 4) return sw(0x6700);
  const std::uint8_t cla = c[0], ins = c[1], p1 = c[2], p2 = c[3];
  if (cla != 0x00) return sw(0x6E00);
  // Short APDU cases: 4 bytes; 4 + Le; 4 + Lc + data [+ Le].
  byte_view data;
  std::size_t le = 0;
  if (c.size() == 5) {
    le = c[4] == 0 ? 256 : c[4];
  } else if (c.size() > 5) {
    const std::size_t lc = c[4];
    if (lc == 0 || c.size() < 5 + lc || c.size() > 6 + lc) return sw(0x6700);
    data = c.subspan(5, lc);
    if (c.size() == 6 + lc) le = c[5 + lc] == 0 ? 256 : c[5 + lc];
  }
  switch (ins) {
    case 0xA4: return select(p1, data);
    case 0xB0: return read_binary(static_cast<std::uint16_t>((p1 & 0x7F) << 8 | p2), le);
    case 0x20:
      if (p1 != 0x00) return sw(0x6A86);
      return verify(p2, data);
    case layout::ins_change_reference_data:
      if (p1 != 0x00) return sw(0x6A86);
      return change_pin(p2, data);
    default: return sw(0x6D00);
  }
}

bytes virtual_akis_card::select(std::uint8_t p1, byte_view data) {
  if (p1 == 0x04) {  // by DF name: only "PKCS-15" (the 12-byte PKCS#15 AID is not answered, as on real cards)
    if (!std::equal(data.begin(), data.end(), layout::pkcs15_df_name.begin(), layout::pkcs15_df_name.end()))
      return sw(0x6A82);
    df_selected_ = true;
    file_.reset();
    return sw(0x9000);
  }
  if (p1 == 0x00 || p1 == 0x02) {
    if (data.size() != 2) return sw(0x6700);
    const auto fid = static_cast<std::uint16_t>(data[0] << 8 | data[1]);
    if (fid == layout::master_file) {
      df_selected_ = false;
      file_.reset();
      return sw(0x9000);
    }
    const bool certificate = fid >= layout::first_certificate_fid &&
                             fid - layout::first_certificate_fid < static_cast<int>(f_.certificates.size());
    if (!df_selected_ || (fid != layout::token_info_fid && !certificate)) return sw(0x6A82);
    file_ = fid;
    return sw(0x9000);
  }
  return sw(0x6A86);
}

bytes virtual_akis_card::read_binary(std::uint16_t offset, std::size_t le) {
  if (!file_) return sw(0x6986);
  if (le == 0) return sw(0x6700);
  const bytes content = *file_ == layout::token_info_fid
                            ? token_info()
                            : f_.certificates.at(*file_ - layout::first_certificate_fid);
  if (offset > content.size()) return sw(0x6B00);
  const std::size_t n = std::min(le, content.size() - offset);
  bytes out(content.begin() + offset, content.begin() + static_cast<std::ptrdiff_t>(offset + n));
  return with_sw(std::move(out), n < le ? 0x6282 : 0x9000);
}

bytes virtual_akis_card::wrong_pin() {
  if (f_.pin_retries > 0) --f_.pin_retries;
  verified_ = false;
  return sw(static_cast<std::uint16_t>(0x63C0 | f_.pin_retries));
}

bytes virtual_akis_card::verify(std::uint8_t ref, byte_view data) {
  if (ref != layout::user_pin_ref) return sw(0x6A88);
  if (!df_selected_) return sw(0x6A82);
  if (data.empty()) {  // status only
    if (f_.pin_retries == 0) return sw(0x6983);
    return verified_ ? sw(0x9000) : sw(static_cast<std::uint16_t>(0x63C0 | f_.pin_retries));
  }
  if (f_.pin_retries == 0) return sw(0x6983);
  if (!bridgelink::constant_time_equal(data, f_.pin.view())) return wrong_pin();
  f_.pin_retries = f_.pin_retries_max;
  verified_ = true;
  return sw(0x9000);
}

bytes virtual_akis_card::change_pin(std::uint8_t ref, byte_view data) {
  if (ref != layout::user_pin_ref) return sw(0x6A88);
  if (!df_selected_) return sw(0x6A82);
  if (data.empty()) return sw(0x6700);
  const std::size_t old_len = data[0];
  if (data.size() < 1 + old_len + 1) return sw(0x6A80);
  const std::size_t new_len = data[1 + old_len];
  if (data.size() != 2 + old_len + new_len) return sw(0x6A80);
  const auto old_pin = data.subspan(1, old_len);
  const auto new_pin = data.subspan(2 + old_len, new_len);
  if (f_.pin_retries == 0) return sw(0x6983);
  if (!bridgelink::constant_time_equal(old_pin, f_.pin.view())) return wrong_pin();
  if (new_len < layout::pin_min || new_len > layout::pin_max || !all_digits(new_pin)) return sw(0x6A80);
  f_.pin = bridgelink::secret_bytes(new_pin);
  f_.pin_retries = f_.pin_retries_max;
  return sw(0x9000);
}

}  // namespace eimza::sim
