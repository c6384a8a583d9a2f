#include "card/card_report.hpp"

#include <array>
#include <ctime>

#include "identity/kimlik_no.hpp"
#include "platform/clock.hpp"

namespace eimza::card {
std::string utc_date(std::int64_t t) {
  const std::tm tm = platform::utc_tm(static_cast<std::time_t>(t));
  std::array<char, 32> buf{};
  if (std::strftime(buf.data(), buf.size(), "%Y-%m-%d", &tm) == 0) return "?";
  return buf.data();
}

card_errc missing_signing_certificate(const card_summary& s) noexcept {
  return s.certificates.empty() && s.family == card_family::akis_v2_or_id ? card_errc::identity_card
                                                                          : card_errc::no_certificate;
}

std::vector<ui::message> summary_warnings(const card_summary& s, std::int64_t now) {
  std::vector<ui::message> w;
  const certificate_info* c = s.signing();
  if (!c) w.emplace_back(missing_signing_certificate(s));
  if (s.unreadable_certificates > 0)
    w.emplace_back(card_note::unreadable_certificates,
                   std::vector<ui::message::arg>{{"n", std::to_string(s.unreadable_certificates)}});
  if (c) {
    switch (validity_at(*c, now)) {
      case validity::not_yet_valid:
        w.emplace_back(card_note::not_yet_valid,
                       std::vector<ui::message::arg>{{"date", utc_date(c->not_before)}});
        break;
      case validity::expired:
        w.emplace_back(card_note::expired, std::vector<ui::message::arg>{{"date", utc_date(c->not_after)}});
        break;
      case validity::valid: break;
    }
    if (c->verdict != nes_verdict::kamu_sm_nes && c->verdict != nes_verdict::qualified)
      w.emplace_back(c->verdict);
  }
  if (s.pin.blocked)
    w.emplace_back(card_note::pin_blocked);
  else if (s.pin.final_try)
    w.emplace_back(card_note::pin_final_try);
  else if (s.pin.count_low)
    w.emplace_back(card_note::pin_count_low);
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
        {"nes_text", boost::json::object{{"tr", ui::say(ui::language::tr, c.verdict)},
                                         {"en", ui::say(ui::language::en, c.verdict)}}},
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
  for (const auto& w : summary_warnings(s, now)) warnings.emplace_back(ui::say(ui::language::en, w));
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
  auto line = [&](std::string_view indent, card_note key, const std::string& v) {
    out += indent;
    out += ui::say(l, key) + ": " + v + "\n";
  };
  line("  ", card_note::reader, s.reader);
  if (!s.atr.empty()) line("  ", card_note::card_type, ui::say(l, s.family));
  if (!s.module.empty()) line("  ", card_note::driver, s.module);
  line("  ", card_note::serial, s.serial);
  for (std::size_t i = 0; i < s.certificates.size(); ++i) {
    const auto& c = s.certificates[i];
    out += "  " +
           ui::say(l, s.choice.index == i ? card_note::signing_certificate : card_note::other_certificate) +
           ":\n";
    line("    ", card_note::holder, c.holder_name);
    line("    ", card_note::tckn, c.tckn ? identity::mask_tckn(*c.tckn) : ui::say(l, card_note::none));
    line("    ", card_note::type, ui::say(l, c.verdict));
    line("    ", card_note::valid, utc_date(c.not_before) + " – " + utc_date(c.not_after));
    line("    ", card_note::issuer, c.issuer);
  }
  if (s.pin.retries_left) line("  ", card_note::pin_tries_left, std::to_string(*s.pin.retries_left));
  for (const auto& w : summary_warnings(s, now)) out += "  ! " + ui::say(l, w) + "\n";
  return out;
}

}  // namespace eimza::card
