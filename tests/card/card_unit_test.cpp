// The card module above the parsers (eimza_card): which route a card family takes, and the report
// a person reads (the parsers themselves: card_parse_test.cpp).
#include <gtest/gtest.h>

#include "card/atr.hpp"
#include "card/card_report.hpp"
#include "card/certificate.hpp"
#include "card/open_card.hpp"
#include "ui/text.hpp"
#include "virtual_card/test_certificate.hpp"
#include "virtual_card/virtual_akis_card.hpp"

using namespace eimza;

TEST(CardRoute, RealAkisCardsGoToTheirVendorModule) {
  for (const char* name : {"akis_v1.0", "akis_v1.2", "akis_v2"})
    EXPECT_EQ(card::route_for(card::identify(sim::atr_preset(name))), card::card_route::vendor_module)
        << name;
  EXPECT_EQ(card::route_for(card::card_family::virtual_card), card::card_route::apdu);
  EXPECT_EQ(card::route_for(card::card_family::unknown), card::card_route::apdu_then_module);
}

TEST(CardReport, ABlockedPinSaysNotToTryThePuk) {
  card::card_summary s;
  s.pin.blocked = true;
  const auto report = card::summary_text(s, test::now_unix(), ui::language::en);
  EXPECT_NE(report.find("Do not try the PUK"), std::string::npos) << report;
}

TEST(CardReport, EveryVerdictHasItsWordsInBothLanguages) {
  for (auto v : {card::nes_verdict::kamu_sm_nes, card::nes_verdict::test, card::nes_verdict::mobile,
                 card::nes_verdict::qualified, card::nes_verdict::not_qualified}) {
    EXPECT_FALSE(ui::catalogue_text(ui::language::tr, ui::key_of(v)).empty());
    EXPECT_NE(ui::say(ui::language::tr, v), ui::say(ui::language::en, v));
  }
}
