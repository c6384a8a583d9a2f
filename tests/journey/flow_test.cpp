// The activation flow, transition by transition, with fake card, portal and phone (flow.hpp):
// the order of the states, what each failure says, retries per portal error kind, the last-try
// warning passed on, nothing resubmitted by us, the PIN refused on another card, delete only
// after confirmation, cancel in every state, no exception escaping.
#include <gtest/gtest.h>

#include <deque>
#include <stdexcept>

#include "card/card_report.hpp"
#include "journey/desktop_text.hpp"
#include "journey/flow.hpp"
#include "journey/journey_text.hpp"
#include "journey/link_error.hpp"
#include "journey/phone_steps.hpp"
#include "ui/text.hpp"

using namespace eimza;
using namespace eimza::journey;
namespace bl = bridgelink;

namespace {

bl::secret_bytes secret(std::string_view s) {
  return bl::secret_bytes(bl::byte_view(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
}

card::card_summary a_card(std::string serial = "0036267E57013B46") {
  card::card_summary s;
  s.serial = std::move(serial);
  card::certificate_info c;
  c.holder_name = "AYŞE YILMAZ";
  c.tckn = "10000000146";
  c.not_before = 1700000000;
  c.not_after = 1900000000;
  c.verdict = card::nes_verdict::kamu_sm_nes;
  s.certificates.push_back(c);
  s.choice.index = 0;
  return s;
}

struct fake_card : card_port {
  card::card_result<card::card_summary> summary = a_card();
  std::vector<std::string> new_pins;
  card::card_status change_result = card::done;
  card::card_result<card::card_summary> read(const std::atomic<bool>&) override { return summary; }
  card::card_status change_pin(const bl::secret_bytes&, const bl::secret_bytes& n) override {
    new_pins.emplace_back(reinterpret_cast<const char*>(n.data()), n.size());
    return change_result;
  }
};

struct fake_portal : portal_port {
  portal::login_screen screen;
  std::deque<portal::portal_result<portal::phone_screen>> logins;  // one per login() call
  std::deque<portal::portal_result<portal::step_done>> sms;
  portal::portal_result<portal::step_done> phone_confirmed = portal::step_done{};
  std::string card_serial = "0036267E57013B46";
  std::vector<bool> deletes;  // the person_confirmed flag of each call
  int login_calls = 0, sms_calls = 0, logouts = 0, confirm_calls = 0;
  bool throw_on_open = false;

  int opens = 0;
  portal::portal_result<portal::login_screen> open() override {
    if (throw_on_open) throw std::runtime_error("boom");
    ++opens;
    return screen;
  }
  const portal::login_screen& current_login() const override { return screen; }
  portal::portal_result<portal::phone_screen> login(std::string_view, const bl::secret_bytes&,
                                                    const bl::secret_bytes&) override {
    ++login_calls;
    auto r = logins.front();
    logins.pop_front();
    if (!r && r.error() == portal::portal_errc::wrong_credentials) {
      screen.attempts_left -= 1;
      screen.last_try = screen.attempts_left == 1;
    }
    return r;
  }
  portal::portal_result<portal::step_done> confirm_phone() override {
    ++confirm_calls;
    return phone_confirmed;
  }
  portal::portal_result<portal::step_done> submit_sms(const bl::secret_bytes&) override {
    ++sms_calls;
    auto r = sms.front();
    sms.pop_front();
    return r;
  }
  portal::portal_result<portal::pin_puk_info> pin_puk() override {
    portal::pin_puk_info i;
    i.card_serial = card_serial;
    i.pin = secret("482915");
    i.puk = secret("73019264");
    return i;
  }
  portal::portal_result<portal::step_done> delete_passwords(bool confirmed) override {
    deletes.push_back(confirmed);
    if (!confirmed) return portal::portal_errc::not_confirmed;
    return portal::step_done{};
  }
  void logout() override { ++logouts; }
};

struct asked {
  std::string kind;
  bl::fields fields;
  [[nodiscard]] std::string text(std::string_view k) const {
    const auto* v = bl::find_field(fields, k);
    return v ? std::string(v->text()) : "<none>";
  }
  [[nodiscard]] bool flag(std::string_view k) const {
    const auto* v = bl::find_field(fields, k);
    return v && v->flag;
  }
};

struct fake_phone : phone_port {
  bool pairs = true;
  sas_result sas = sas_result::confirmed;
  std::deque<std::optional<bl::fields>> answers;  // one per ask(), in order
  std::vector<asked> asks;
  std::vector<std::string> closes;
  bool pair(const std::atomic<bool>&) override { return pairs; }
  sas_result confirm_sas() override { return sas; }
  std::optional<bl::fields> ask(std::string kind, bl::fields f, std::chrono::seconds) override {
    asks.push_back({kind, f});
    if (answers.empty()) return std::nullopt;
    auto a = std::move(answers.front());
    answers.pop_front();
    return a;
  }
  void close(const std::string& reason) override { closes.push_back(reason); }
  ui::message why() const override { return link_errc::phone_left; }
};

bl::fields ok() {
  return fields_of({{"ok", bl::field_value::of_bool(true)}});
}
bl::fields login_answer() {
  return fields_of({{"captcha", bl::field_value::of_text("x7k2p")},
                    {"security_word", bl::field_value::of_text("çiğdem")}});
}
bl::fields confirmed(bool yes) {
  return fields_of({{"confirmed", bl::field_value::of_bool(yes)}});
}
bl::fields sms_answer() {
  return fields_of({{"code", bl::field_value::of_text("123456")}});
}
bl::fields action(std::string a) {
  return fields_of({{"action", bl::field_value::of_text(a)}});
}

struct world {
  fake_card card;
  fake_portal portal;
  fake_phone phone;
  status_board board;
  log::logger lg{log::level::error};
  activation_flow flow{
      {card, portal, phone, board, lg, [] { return std::int64_t{1800000000}; }, std::chrono::seconds(5)}};
  // Every answer of a journey that goes straight through, finishing at the PIN.
  void straight_answers() {
    portal.logins = {portal::phone_screen{"05** *** ** 42"}};
    portal.sms = {portal::step_done{}};
    phone.answers = {ok(), login_answer(), confirmed(true), sms_answer(), action("finish"), ok()};
  }
  std::vector<flow_state> run_all() {
    std::vector<flow_state> seen{flow.state()};
    while (flow.state() != flow_state::done && flow.state() != flow_state::failed)
      seen.push_back(flow.step());
    return seen;
  }
  [[nodiscard]] std::string said() const { return ui::say(ui::language::en, board.snapshot().message); }
};

std::vector<std::string> kinds(const fake_phone& p) {
  std::vector<std::string> k;
  for (const auto& a : p.asks) k.push_back(a.kind);
  return k;
}

}  // namespace

TEST(Flow, GoesThroughEveryStateInOrder) {
  world w;
  w.straight_answers();
  EXPECT_EQ(w.run_all(),
            (std::vector<flow_state>{flow_state::find_card, flow_state::pair_phone, flow_state::confirm_sas,
                                     flow_state::show_card, flow_state::open_portal, flow_state::login,
                                     flow_state::confirm_phone, flow_state::sms_code, flow_state::pin,
                                     flow_state::finish, flow_state::done}));
  EXPECT_EQ(kinds(w.phone),
            (std::vector<std::string>{"card", "login", "confirm_phone", "sms_code", "pin", "done"}));
  EXPECT_EQ(w.board.snapshot().at, stage::done);
  EXPECT_EQ(w.phone.closes, (std::vector<std::string>{"done"}));
  EXPECT_EQ(w.portal.logouts, 1);
  EXPECT_EQ(w.phone.asks[0].text("tckn_masked").size(), 11u);
  EXPECT_EQ(w.phone.asks[2].text("masked_phone"), "05** *** ** 42");
}

// The desktop's step bar and card facts follow the flow (issue #17): what the phone is asked is
// where the journey stands; the card is the one read, with its verdict; no secret.
TEST(Flow, TheDesktopSeesEveryStepAndTheCardsFacts) {
  world w;
  w.straight_answers();
  std::vector<journey_step> seen;
  const auto handle = w.board.subscribe([&] {
    const auto st = w.board.snapshot().step;
    if (seen.empty() || seen.back() != st) seen.push_back(st);
  });
  (void)w.run_all();
  w.board.unsubscribe(handle);
  EXPECT_EQ(seen, (std::vector<journey_step>{journey_step::card, journey_step::portal_login,
                                             journey_step::phone_confirm, journey_step::sms_code,
                                             journey_step::pin, journey_step::done}));
  const auto card = w.board.snapshot().card;
  ASSERT_TRUE(card);
  EXPECT_EQ(card->holder, "AYŞE YILMAZ");
  EXPECT_EQ(card->tckn_masked.size(), 11u);
  EXPECT_NE(card->tckn_masked.find('*'), std::string::npos) << "masked";
  EXPECT_FALSE(card->serial.empty());
  EXPECT_EQ(card->validity, "valid");
  EXPECT_FALSE(card->verdict.key().empty());
}

TEST(Flow, CardProblemsEndAtTheCardWithTheirSentence) {
  {
    world w;
    w.card.summary = card::card_errc::no_reader;
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), ui::say(ui::language::en, card::card_errc::no_reader));
    EXPECT_TRUE(w.phone.asks.empty());
  }
  {
    world w;
    auto s = a_card();
    s.choice.index.reset();  // no signing certificate
    w.card.summary = s;
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.flow.state(), flow_state::failed);
    EXPECT_EQ(w.said(), ui::say(ui::language::en, card::missing_signing_certificate(s)));
  }
  {
    world w;
    auto s = a_card();
    s.certificates[0].tckn.reset();
    w.card.summary = s;
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), "No T.C. Kimlik No in the certificate.");
  }
}

TEST(Flow, PairingAndSasOutcomes) {
  {
    world w;
    w.phone.pairs = false;
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), "The page on the phone was closed.");
  }
  {
    world w;
    w.phone.sas = sas_result::rejected;
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), "The verification code did not match; pairing cancelled.");
    EXPECT_EQ(w.phone.closes, (std::vector<std::string>{"sas failed"}));
    EXPECT_TRUE(w.phone.asks.empty()) << "nothing goes to a phone whose code was not confirmed";
  }
  {
    world w;
    w.phone.sas = sas_result::phone_gone;
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), "The phone connection ended before the code was confirmed; start again.");
  }
  {
    world w;
    w.phone.sas = sas_result::cancelled;
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), "Cancelled.");
    EXPECT_EQ(w.phone.closes, (std::vector<std::string>{"cancelled"}));
  }
}

TEST(Flow, WrongCaptchaAndWordAreAskedAgainWithTheReasonAndTheLastTry) {
  world w;
  w.portal.logins = {portal::portal_errc::wrong_captcha, portal::portal_errc::wrong_credentials,
                     portal::portal_errc::wrong_credentials, portal::phone_screen{"05** *** ** 42"}};
  w.portal.sms = {portal::step_done{}};
  w.phone.answers = {ok(),           login_answer(),   login_answer(),
                     login_answer(), login_answer(),   confirmed(true),
                     sms_answer(),   action("finish"), ok()};
  EXPECT_TRUE(w.flow.run());
  std::vector<asked> logins;
  for (const auto& a : w.phone.asks)
    if (a.kind == "login") logins.push_back(a);
  ASSERT_EQ(logins.size(), 4u);
  EXPECT_EQ(logins[0].text("error"), "");
  EXPECT_EQ(logins[1].text("error"), "wrong_captcha");
  EXPECT_EQ(logins[2].text("error"), "wrong_credentials");
  EXPECT_FALSE(logins[2].flag("last_try"));
  EXPECT_TRUE(logins[3].flag("last_try")) << "the last try is said before the person submits it";
  EXPECT_EQ(w.portal.login_calls, 4) << "one login per answer from the phone, never resubmitted by us";
}

TEST(Flow, OtherPortalErrorsEndTheJourneyWithTheirSentence) {
  for (const auto e : {portal::portal_errc::account_blocked, portal::portal_errc::network,
                       portal::portal_errc::unexpected_page}) {
    world w;
    w.portal.logins = {e};
    w.phone.answers = {ok(), login_answer()};
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), ui::say(ui::language::en, e));
    EXPECT_EQ(w.portal.login_calls, 1);
  }
}

TEST(Flow, AnIncompleteAnswerOrAGonePhoneEndsIt) {
  {
    world w;
    w.phone.answers = {ok(), fields_of({{"captcha", bl::field_value::of_text("x")}})};
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), "Incomplete answer.");
    EXPECT_EQ(w.portal.login_calls, 0);
  }
  {
    world w;
    w.phone.answers = {ok()};  // then the phone is gone
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), "The page on the phone was closed.");
  }
}

TEST(Flow, ANumberThatIsNotThePersonsStopsBeforeThePortalIsTold) {
  world w;
  w.portal.logins = {portal::phone_screen{"05** *** ** 42"}};
  w.phone.answers = {ok(), login_answer(), confirmed(false)};
  EXPECT_FALSE(w.flow.run());
  EXPECT_EQ(w.said(), "The registered number is not yours: call the Kamu SM call centre (444 5 576).");
  EXPECT_EQ(w.portal.confirm_calls, 0);
}

TEST(Flow, AWrongSmsCodeIsAskedAgainAnExpiredOneEndsIt) {
  {
    world w;
    w.portal.logins = {portal::phone_screen{"05** *** ** 42"}};
    w.portal.sms = {portal::portal_errc::wrong_sms_code, portal::step_done{}};
    w.phone.answers = {ok(), login_answer(), confirmed(true), sms_answer(), sms_answer(), action("finish"),
                       ok()};
    EXPECT_TRUE(w.flow.run());
    std::vector<std::string> errors;
    for (const auto& a : w.phone.asks)
      if (a.kind == "sms_code") errors.push_back(a.text("error"));
    EXPECT_EQ(errors, (std::vector<std::string>{"", "wrong_sms_code"}));
    EXPECT_EQ(w.portal.sms_calls, 2);
  }
  {
    world w;
    w.portal.logins = {portal::phone_screen{"05** *** ** 42"}};
    w.portal.sms = {portal::portal_errc::sms_expired};
    w.phone.answers = {ok(), login_answer(), confirmed(true), sms_answer()};
    EXPECT_FALSE(w.flow.run());
    EXPECT_EQ(w.said(), ui::say(ui::language::en, portal::portal_errc::sms_expired));
  }
}

TEST(Flow, PinChangeOnlyOnThePersonsCardOnce) {
  auto change = fields_of(
      {{"action", bl::field_value::of_text("change")}, {"new_pin", bl::field_value::of_text("246810")}});
  {
    world w;
    w.straight_answers();
    w.phone.answers = {ok(),   login_answer(), confirmed(true),  sms_answer(),
                       change, change,         action("finish"), ok()};
    EXPECT_TRUE(w.flow.run());
    EXPECT_EQ(w.card.new_pins, (std::vector<std::string>{"246810"})) << "one change, never a second";
    std::vector<asked> pins;
    for (const auto& a : w.phone.asks)
      if (a.kind == "pin") pins.push_back(a);
    ASSERT_GE(pins.size(), 2u);
    EXPECT_EQ(pins[1].text("note"), "pin_changed");
    EXPECT_TRUE(pins[1].flag("pin_changed"));
    EXPECT_TRUE(pins[0].flag("serial_matches"));
  }
  {
    world w;
    w.straight_answers();
    w.portal.card_serial = "00AABBCCDDEEFF11";  // the portal's PIN belongs to another card
    w.phone.answers = {ok(), login_answer(), confirmed(true), sms_answer(), change, action("finish"), ok()};
    EXPECT_TRUE(w.flow.run());
    EXPECT_TRUE(w.card.new_pins.empty()) << "nothing is sent to a card that is not the person's";
    std::vector<asked> pins;
    for (const auto& a : w.phone.asks)
      if (a.kind == "pin") pins.push_back(a);
    ASSERT_EQ(pins.size(), 2u);
    EXPECT_FALSE(pins[0].flag("serial_matches"));
    EXPECT_EQ(pins[1].text("note"), "pin_change_refused_serial");
    EXPECT_FALSE(w.board.snapshot().warnings.empty());
  }
}

TEST(Flow, PasswordsAreDeletedOnlyOnceConfirmed) {
  world w;
  w.straight_answers();
  auto del = [](bool yes) {
    return fields_of(
        {{"action", bl::field_value::of_text("delete")}, {"confirmed", bl::field_value::of_bool(yes)}});
  };
  w.phone.answers = {ok(),       login_answer(), confirmed(true),  sms_answer(),
                     del(false), del(true),      action("finish"), ok()};
  EXPECT_TRUE(w.flow.run());
  EXPECT_EQ(w.portal.deletes, (std::vector<bool>{false, true}));
  EXPECT_TRUE(w.phone.asks.back().flag("deleted"));
}

TEST(Flow, ThePersonLeavingAtThePinStillEndsCleanly) {
  world w;
  w.straight_answers();
  w.phone.answers = {ok(), login_answer(), confirmed(true), sms_answer()};  // no answer at the PIN
  EXPECT_TRUE(w.flow.run());
  EXPECT_EQ(w.portal.logouts, 1);
  EXPECT_EQ(w.phone.closes, (std::vector<std::string>{"done"}));
}

TEST(Flow, CancelInEveryStateEndsIt) {
  for (auto at = flow_state::find_card; at < flow_state::finish;
       at = static_cast<flow_state>(static_cast<int>(at) + 1)) {
    SCOPED_TRACE(std::string(flow_state_name(at)));
    world w;
    w.straight_answers();
    while (w.flow.state() != at) ASSERT_NE(w.flow.step(), flow_state::failed);
    w.board.request_cancel();
    EXPECT_EQ(w.flow.step(), flow_state::failed);
    EXPECT_EQ(w.said(), "Cancelled.");
    if (at > flow_state::confirm_sas) {
      EXPECT_EQ(w.phone.closes, (std::vector<std::string>{"cancelled"}));
    }
  }
}

TEST(Flow, NoExceptionEscapes) {
  world w;
  w.straight_answers();
  w.portal.throw_on_open = true;
  EXPECT_NO_THROW(EXPECT_FALSE(w.flow.run()));
  EXPECT_EQ(w.said(), "An unexpected internal error stopped the process. Try again from the start.");
}

// Review finding (#15): the card's warnings reached a Turkish desktop in English, because the
// journey put them into words itself. Now the board holds ids; each surface says them in its
// person's language.
TEST(Flow, CardWarningsAreSaidInThePersonsLanguage) {
  world w;
  w.straight_answers();
  auto s = a_card();
  s.certificates[0].verdict = card::nes_verdict::test;
  s.certificates[0].not_before =
      1800000000 + 86400 * 10;  // a renewal card, valid in ten days (the clock: 1800000000)
  w.card.summary = s;
  EXPECT_TRUE(w.flow.run());
  const auto warnings = w.board.snapshot().warnings;
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].key(), "card_note.not_yet_valid");
  EXPECT_EQ(warnings[1], ui::message(card::nes_verdict::test));
  EXPECT_NE(ui::say(ui::language::tr, warnings[0]).find("Sertifika henüz geçerli değil"), std::string::npos);
  EXPECT_NE(ui::say(ui::language::en, warnings[0]).find("not valid yet"), std::string::npos);
  EXPECT_EQ(ui::say(ui::language::tr, warnings[1]),
            "Bu bir TEST sertifikası: gerçek e-imza için kullanılamaz.");
}

// The tray's text and notifications use the desktop page's words for the steps (issue #17).
TEST(DesktopWords, EveryStepHasANameAndAllButTheLastAThingToDoOnThePhone) {
  for (const auto st : {journey_step::card, journey_step::portal_login, journey_step::phone_confirm,
                        journey_step::sms_code, journey_step::pin, journey_step::done}) {
    EXPECT_FALSE(eimza::ui::say(eimza::ui::language::tr, step_label(st)).empty());
    EXPECT_EQ(step_todo(st).has_value(), st != journey_step::done) << eimza::ui::enum_name(st);
  }
  EXPECT_EQ(eimza::ui::say(eimza::ui::language::tr, step_label(journey_step::sms_code)), "SMS kodu");
  EXPECT_EQ(
      eimza::ui::say(eimza::ui::language::en, *step_todo(journey_step::portal_login)),
      "On your phone, enter the text in the picture and your Security Word to log in to the Kamu SM portal.");
}

// The person asks for a new captcha picture on the phone (issue #17): the login page is fetched
// again and the login step asked again; nothing goes to the portal's login, no try is spent.
TEST(Flow, ANewCaptchaPictureIsFetchedNotSubmitted) {
  world w;
  w.straight_answers();
  w.phone.answers.insert(w.phone.answers.begin() + 1,
                         fields_of({{"captcha", bl::field_value::of_text("")},
                                    {"security_word", bl::field_value::of_text("")},
                                    {"reload", bl::field_value::of_bool(true)}}));
  (void)w.run_all();
  EXPECT_EQ(w.board.snapshot().at, stage::done);
  EXPECT_EQ(w.portal.opens, 2) << "the login page fetched again for the new picture";
  EXPECT_EQ(w.portal.login_calls, 1) << "only the real answer was submitted";
  EXPECT_EQ(kinds(w.phone),
            (std::vector<std::string>{"card", "login", "login", "confirm_phone", "sms_code", "pin", "done"}));
}
