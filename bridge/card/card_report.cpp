#include "card/card_report.hpp"

#include <ctime>

#include "identity/kimlik_no.hpp"

namespace eimza::card {
namespace {

bool tr(ui::language l) {
  return l == ui::language::tr;
}

std::string family_text(card_family f, ui::language l) {
  switch (f) {
    case card_family::virtual_card: return tr(l) ? "sanal kart (simülatör)" : "virtual card (simulator)";
    case card_family::akis_v1: return tr(l) ? "AKİS v1 kartı" : "AKİS v1 card";
    case card_family::akis_v2_or_id:
      return tr(l) ? "AKİS v2 ya da T.C. Kimlik Kartı" : "AKİS v2 or T.C. identity card";
    case card_family::akis_v3: return tr(l) ? "AKİS v3 kartı" : "AKİS v3 card";
    case card_family::akis_family: return tr(l) ? "AKİS ailesi kart" : "AKİS-family card";
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

card_errc missing_signing_certificate(const card_summary& s) noexcept {
  return s.certificates.empty() && s.family == card_family::akis_v2_or_id ? card_errc::identity_card
                                                                          : card_errc::no_certificate;
}

std::vector<std::string> summary_warnings(const card_summary& s, std::int64_t now, ui::language l) {
  std::vector<std::string> w;
  const certificate_info* c = s.signing();
  if (!c) w.emplace_back(describe(missing_signing_certificate(s), l));
  if (s.unreadable_certificates > 0)
    w.push_back(tr(l) ? std::to_string(s.unreadable_certificates) +
                            " sertifika okunamadı (bozuk veri); diğerleri okundu."
                      : std::to_string(s.unreadable_certificates) +
                            " certificate(s) could not be read (malformed); the others were read.");
  if (c) {
    switch (validity_at(*c, now)) {
      case validity::not_yet_valid:
        w.push_back(tr(l)
                        ? "Sertifika henüz geçerli değil: " + utc_date(c->not_before) +
                              " tarihinden itibaren geçerli olacak (yenileme kartı). O güne kadar eski "
                              "kartınızı kullanın."
                        : "The certificate is not valid yet: it becomes valid on " + utc_date(c->not_before) +
                              " (a renewal card). Keep using your old card until then.");
        break;
      case validity::expired:
        w.push_back(tr(l) ? "Sertifikanın süresi " + utc_date(c->not_after) + " tarihinde dolmuş."
                          : "The certificate expired on " + utc_date(c->not_after) + ".");
        break;
      case validity::valid: break;
    }
    if (c->verdict != nes_verdict::kamu_sm_nes && c->verdict != nes_verdict::qualified)
      w.emplace_back(verdict_text(c->verdict, l));
  }
  if (s.pin.blocked)
    w.emplace_back(tr(l)
                       ? "PIN bloke. PUK denemeyin; Kamu SM portalında 'Kilit Çözme' kullanın."
                       : "The PIN is blocked. Do not try the PUK; use 'Kilit Çözme' on the Kamu SM portal.");
  else if (s.pin.final_try)
    w.emplace_back(tr(l) ? "Dikkat: PIN için son deneme hakkınız kaldı." : "Careful: one PIN try left.");
  else if (s.pin.count_low)
    w.emplace_back(tr(l) ? "PIN deneme hakkınız azaldı." : "Few PIN tries left.");
  return w;
}

boost::json::object summary_json(const card_summary& s, std::int64_t now) {
  boost::json::array certs;
  for (std::size_t i = 0; i < s.certificates.size(); ++i) {
    const auto& c = s.certificates[i];
    boost::json::array pols, qcs;
    for (const auto& p : c.policies) pols.emplace_back(p);
    for (const auto& q : c.qc_statements) qcs.emplace_back(q);
    certs.push_back(boost::json::object{
        {"holder_name", c.holder_name},
        {"tckn", c.tckn ? boost::json::value(*c.tckn) : boost::json::value(nullptr)},
        {"issuer", c.issuer},
        {"serial", c.serial_hex},
        {"nes", verdict_name(c.verdict)},
        {"nes_text", boost::json::object{{"tr", verdict_text(c.verdict, ui::language::tr)},
                                         {"en", verdict_text(c.verdict, ui::language::en)}}},
        {"policies", std::move(pols)},
        {"qc_statements", std::move(qcs)},
        {"key_usage", boost::json::object{{"present", c.key_usage_present},
                                          {"digital_signature", c.digital_signature},
                                          {"non_repudiation", c.non_repudiation}}},
        {"ca", c.is_ca},
        {"signing", s.choice.index == i},
        {"not_before", utc_date(c.not_before)},
        {"not_after", utc_date(c.not_after)},
        {"validity", validity_name(validity_at(c, now))},
        {"key", c.key_type},
    });
  }
  boost::json::object pin{{"known", s.pin.known},         {"blocked", s.pin.blocked},
                          {"final_try", s.pin.final_try}, {"count_low", s.pin.count_low},
                          {"min_length", s.pin.min_len},  {"max_length", s.pin.max_len}};
  pin["retries_left"] =
      s.pin.retries_left ? boost::json::value(*s.pin.retries_left) : boost::json::value(nullptr);
  boost::json::array warnings;
  for (auto& w : summary_warnings(s, now, ui::language::en)) warnings.emplace_back(w);
  boost::json::object out{{"source", s.source},
                          {"reader", s.reader},
                          {"atr", bridgelink::to_hex(s.atr)},
                          {"family", family_name(s.family)},
                          {"serial", s.serial},
                          {"label", s.label},
                          {"certificates", std::move(certs)},
                          {"unreadable_certificates", s.unreadable_certificates},
                          {"signing_certificate", s.choice.index ? boost::json::value(*s.choice.index)
                                                                 : boost::json::value(nullptr)},
                          {"choice_reason", s.choice.reason},
                          {"pin", std::move(pin)},
                          {"warnings", std::move(warnings)}};
  if (!s.module.empty()) out["module"] = s.module;
  return out;
}

std::string summary_text(const card_summary& s, std::int64_t now, ui::language l) {
  std::string out;
  auto line = [&](std::string_view k_tr, std::string_view k_en, const std::string& v) {
    out += "  ";
    out += tr(l) ? k_tr : k_en;
    out += ": " + v + "\n";
  };
  line("Okuyucu", "Reader", s.reader);
  if (!s.atr.empty()) line("Kart türü", "Card type", family_text(s.family, l));
  if (!s.module.empty()) line("Sürücü", "Driver", s.module);
  line("Kart Seri Numarası", "Card serial number", s.serial);
  for (std::size_t i = 0; i < s.certificates.size(); ++i) {
    const auto& c = s.certificates[i];
    const bool signing = s.choice.index == i;
    out += signing ? (tr(l) ? "  İmza sertifikası:\n" : "  Signing certificate:\n")
                   : (tr(l) ? "  Diğer sertifika:\n" : "  Other certificate:\n");
    line("  Sahibi", "  Holder", c.holder_name);
    line("  T.C. Kimlik No", "  T.C. Kimlik No",
         c.tckn ? identity::mask_tckn(*c.tckn) : (tr(l) ? "yok" : "none"));
    line("  Türü", "  Type", std::string(verdict_text(c.verdict, l)));
    line("  Geçerlilik", "  Valid", utc_date(c.not_before) + " – " + utc_date(c.not_after));
    line("  Yayıncı", "  Issuer", c.issuer);
  }
  if (s.pin.retries_left) line("PIN deneme hakkı", "PIN tries left", std::to_string(*s.pin.retries_left));
  for (const auto& w : summary_warnings(s, now, l)) out += "  ! " + w + "\n";
  return out;
}

}  // namespace eimza::card
