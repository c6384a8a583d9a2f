// The one message catalogue (bridge/ui/i18n/{tr,en}.json): every id of every enum shown to the
// person has its sentence in both languages, no sentence is left without an id, both languages
// have the same placeholders, and say() fills them. scripts/text-check (ctest text_check) keeps
// sentences out of the C++.
#include <gtest/gtest.h>

#include <boost/mp11/algorithm.hpp>
#include <regex>
#include <set>

#include "app/app_text.hpp"
#include "card/card_error.hpp"
#include "card/card_report.hpp"
#include "card/certificate.hpp"
#include "journey/desktop_text.hpp"
#include "journey/journey_text.hpp"
#include "journey/link_error.hpp"
#include "portal/portal_error.hpp"
#include "ui/text.hpp"

using namespace eimza;
using ui::language;

namespace {

// Every key an enum of the product can ask for.
template <class E>
void collect(std::set<std::string>& keys) {
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
      [&](auto d) { keys.insert(ui::key_of(d.value)); });
}

std::set<std::string> all_ids() {
  std::set<std::string> keys;
  collect<ui::text_id>(keys);
  collect<card::card_errc>(keys);
  collect<card::nes_verdict>(keys);
  collect<card::card_family>(keys);
  collect<card::card_note>(keys);
  collect<portal::portal_errc>(keys);
  collect<journey::link_errc>(keys);
  collect<journey::journey_text>(keys);
  collect<journey::desktop_text>(keys);
  collect<journey::desktop_guide>(keys);
  collect<app::app_text>(keys);
  return keys;
}

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> names;
  static const std::regex brace(R"(\{([a-z_]+)\})");
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), brace); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1].str());
  return names;
}

}  // namespace

TEST(Catalogue, EveryIdHasItsSentenceInBothLanguages) {
  const auto ids = all_ids();
  EXPECT_GT(ids.size(), 150u);
  for (const auto& key : ids)
    for (auto lang : {language::tr, language::en})
      EXPECT_FALSE(ui::catalogue_text(lang, key).empty())
          << key << " missing in " << (lang == language::tr ? "tr.json" : "en.json");
}

TEST(Catalogue, NoSentenceWithoutAnId) {
  const auto ids = all_ids();
  for (auto lang : {language::tr, language::en})
    for (const auto& key : ui::catalogue_keys(lang))
      EXPECT_TRUE(ids.count(key)) << key << ": no enum names it (a sentence nothing can show)";
}

TEST(Catalogue, BothLanguagesHaveTheSamePlaceholders) {
  EXPECT_EQ(ui::catalogue_keys(language::tr), ui::catalogue_keys(language::en));
  for (const auto& key : ui::catalogue_keys(language::tr))
    EXPECT_EQ(placeholders(ui::catalogue_text(language::tr, key)),
              placeholders(ui::catalogue_text(language::en, key)))
        << key;
}

TEST(Catalogue, SayFillsTheArgumentsInThePersonsLanguage) {
  const ui::message m(card::card_note::expired, {{"date", "2026-01-31"}});
  EXPECT_EQ(ui::say(language::tr, m), "Sertifikanın süresi 2026-01-31 tarihinde dolmuş.");
  EXPECT_EQ(ui::say(language::en, m), "The certificate expired on 2026-01-31.");
  EXPECT_EQ(ui::say(language::en,
                    ui::message(app::app_text::demo_portal_sim, {{"url", "https://x/"}, {"ca", "/c"}})),
            "Portal simulator: https://x/ (CA: /c)");
  // An argument not given stays visible as it is, rather than disappearing.
  EXPECT_EQ(ui::say(language::en, ui::message(card::card_note::expired)),
            "The certificate expired on {date}.");
  EXPECT_EQ(ui::say_both(card::card_errc::no_reader).tr, "Kart okuyucu bulunamadı. Okuyucuyu USB'ye takın.");
  EXPECT_TRUE(ui::message().empty());
}

TEST(Catalogue, EnumNamesComeFromOneDescription) {
  EXPECT_EQ(card::code_name(card::card_errc::driver_missing), "driver_missing");
  EXPECT_EQ(portal::code_name(portal::portal_errc::wrong_captcha), "wrong_captcha");
  EXPECT_EQ(card::verdict_name(card::nes_verdict::kamu_sm_nes), "kamu_sm_nes");
  EXPECT_EQ(card::validity_name(card::validity::not_yet_valid), "not_yet_valid");
  EXPECT_EQ(ui::key_of(journey::link_errc::relay_tls), "link.relay_tls");
  EXPECT_EQ(ui::enum_name(static_cast<card::card_errc>(999)), "?");
}
