#include "card/card_report.hpp"

#include <ctime>

#include "identity/kimlik_no.hpp"

namespace eimza::card {
namespace {

bool tr(ui::language l) { return l == ui::language::tr; }

std::string family_text(card_family f, ui::language l) {
  switch (f) {
    case card_family::akis_v1: return tr(l) ? "AKIS v1 kartı" : "AKIS v1 card";
    case card_family::akis_family: return tr(l) ? "AKIS ailesi kart" : "AKIS-family card";
    case card_family::unknown: return tr(l) ? "tanınmayan kart" : "unknown card";
  }
  return {};
}

}  // namespace

std::string utc_date(std::int64_t t) {
  std::tm tm{};
  const std::time_t tt = static_cast<std::time_t>(t);
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::vector<std::string> summary_warnings(const card_summary& s, std::int64_t now, ui::language l) {
  std::vector<std::string> w;
  if (s.certificates.empty()) w.emplace_back(tr(l) ? "Kartta sertifika yok." : "No certificate on the card.");
  for (const auto& c : s.certificates) {
    switch (validity_at(c, now)) {
      case validity::not_yet_valid:
        w.push_back(tr(l) ? "Sertifika henüz geçerli değil: " + utc_date(c.not_before) +
                                " tarihinden itibaren geçerli olacak (yenileme kartı). O güne kadar eski kartınızı kullanın."
                          : "The certificate is not valid yet: it becomes valid on " + utc_date(c.not_before) +
                                " (a renewal card). Keep using your old card until then.");
        break;
      case validity::expired:
        w.push_back(tr(l) ? "Sertifikanın süresi " + utc_date(c.not_after) + " tarihinde dolmuş."
                          : "The certificate expired on " + utc_date(c.not_after) + ".");
        break;
      case validity::valid: break;
    }
    if (c.kind == nes_kind::none)
      w.emplace_back(tr(l) ? "Bu sertifika nitelikli elektronik sertifika (NES) politikası taşımıyor."
                           : "This certificate does not carry a qualified (NES) policy.");
  }
  if (s.pin.blocked)
    w.emplace_back(tr(l) ? "PIN bloke. PUK denemeyin; Kamu SM portalında 'Kilit Çözme' kullanın."
                         : "The PIN is blocked. Do not try the PUK; use 'Kilit Çözme' on the Kamu SM portal.");
  else if (s.pin.final_try)
    w.emplace_back(tr(l) ? "Dikkat: PIN için son deneme hakkınız kaldı." : "Careful: one PIN try left.");
  else if (s.pin.count_low)
    w.emplace_back(tr(l) ? "PIN deneme hakkınız azaldı." : "Few PIN tries left.");
  return w;
}

boost::json::object summary_json(const card_summary& s, std::int64_t now) {
  boost::json::array certs;
  for (const auto& c : s.certificates) {
    boost::json::array pols;
    for (const auto& p : c.policies) pols.emplace_back(p);
    certs.push_back(boost::json::object{
        {"holder_name", c.holder_name},
        {"tckn", c.tckn ? boost::json::value(*c.tckn) : boost::json::value(nullptr)},
        {"issuer", c.issuer},
        {"serial", c.serial_hex},
        {"nes", nes_kind_name(c.kind)},
        {"policies", std::move(pols)},
        {"not_before", utc_date(c.not_before)},
        {"not_after", utc_date(c.not_after)},
        {"validity", validity_name(validity_at(c, now))},
        {"key", c.key_type},
    });
  }
  boost::json::object pin{{"blocked", s.pin.blocked}, {"final_try", s.pin.final_try}, {"count_low", s.pin.count_low}};
  pin["retries_left"] = s.pin.retries_left ? boost::json::value(*s.pin.retries_left) : boost::json::value(nullptr);
  boost::json::array warnings;
  for (auto& w : summary_warnings(s, now, ui::language::en)) warnings.emplace_back(w);
  return {{"source", s.source},     {"reader", s.reader},
          {"atr", bridgelink::to_hex(s.atr)}, {"family", family_name(s.family)},
          {"serial", s.serial},     {"label", s.label},
          {"certificates", std::move(certs)}, {"pin", std::move(pin)},
          {"warnings", std::move(warnings)}};
}

std::string summary_text(const card_summary& s, std::int64_t now, ui::language l) {
  std::string out;
  auto line = [&](std::string_view k_tr, std::string_view k_en, const std::string& v) {
    out += "  ";
    out += tr(l) ? k_tr : k_en;
    out += ": " + v + "\n";
  };
  line("Okuyucu", "Reader", s.reader);
  if (s.source == "pcsc") line("Kart türü", "Card type", family_text(s.family, l));
  line("Kart Seri Numarası", "Card serial number", s.serial);
  for (const auto& c : s.certificates) {
    line("Sertifika sahibi", "Certificate holder", c.holder_name);
    line("T.C. Kimlik No", "T.C. Kimlik No", c.tckn ? identity::mask_tckn(*c.tckn) : (tr(l) ? "yok" : "none"));
    line("Sertifika türü", "Certificate type",
         c.kind == nes_kind::individual  ? (tr(l) ? "NES (bireysel)" : "NES (individual)")
         : c.kind == nes_kind::corporate ? (tr(l) ? "NES (kurumsal)" : "NES (corporate)")
                                         : (tr(l) ? "NES değil" : "not an NES"));
    line("Geçerlilik", "Valid", utc_date(c.not_before) + " – " + utc_date(c.not_after));
    line("Yayıncı", "Issuer", c.issuer);
  }
  if (s.pin.retries_left)
    line("PIN deneme hakkı", "PIN tries left", std::to_string(*s.pin.retries_left));
  for (const auto& w : summary_warnings(s, now, l)) out += "  ! " + w + "\n";
  return out;
}

}  // namespace eimza::card
