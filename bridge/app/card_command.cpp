// `bridge card`: waits for a card (with progress), reads it over PC/SC or a PKCS#11 module and
// prints the summary as text or JSON. Never verifies a PIN.
#include <boost/json/serialize.hpp>
#include <chrono>
#include <iostream>

#include "app/commands.hpp"
#include "card/card_report.hpp"
#include "card/open_card.hpp"
#include "card/pcsc.hpp"
#include "platform/clock.hpp"

namespace eimza::app {
namespace {

card::card_result<card::card_summary> read_card(const card_options& o, std::ostream& err) {
  if (!o.pkcs11_module.empty()) {
    // The module finds its own token (in the slot named like --reader, if given); no PC/SC wait.
    auto c = card::open_module(o.pkcs11_module, o.reader);
    if (!c) return c.error();
    return (*c)->read_summary();
  }
  auto ctx = card::pcsc_context::establish();
  if (!ctx) return ctx.error();
  auto reader = ctx->wait_for_card(o.reader, o.wait, [&](std::chrono::seconds waited) {
    err << ui::say(o.lang, {card::card_note::waiting, {{"seconds", std::to_string(waited.count())}}}) << "\n";
    return true;
  });
  if (!reader) return reader.error();
  auto c = card::open_card(*ctx, *reader, "");  // the path follows the card's ATR
  if (!c) return c.error();
  return (*c)->read_summary();
}

}  // namespace

int run_card(const card_options& o, std::ostream& out, std::ostream& err) {
  auto summary = read_card(o, err);
  if (!summary) {
    if (o.json) {
      out << boost::json::serialize(
                 boost::json::object{{"error", card::code_name(summary.error())},
                                     {"message", ui::say(ui::language::en, summary.error())},
                                     {"message_tr", ui::say(ui::language::tr, summary.error())}})
          << "\n";
    }
    err << ui::text(o.lang, ui::text_id::error_prefix) << ": " << ui::say(o.lang, summary.error()) << "\n";
    return 1;
  }
  if (o.json)
    out << boost::json::serialize(card::summary_json(*summary, platform::unix_seconds())) << "\n";
  else
    out << card::summary_text(*summary, platform::unix_seconds(), o.lang);
  return 0;
}

}  // namespace eimza::app
