#include "journey/flow.hpp"

#include <array>
#include <exception>

#include "card/card_report.hpp"
#include "identity/kimlik_no.hpp"
#include "journey/journey_text.hpp"
#include "journey/phone_steps.hpp"

namespace eimza::journey {
namespace bl = bridgelink;

namespace {

std::string text(const bl::field_value* v) {
  return v && v->type == bl::field_value::kind::text ? std::string(v->text()) : "";
}

}  // namespace

// The transitions, in one place: each state's function decides the next state.
flow_state activation_flow::step() {
  using fn = flow_state (activation_flow::*)();
  static constexpr std::array<fn, 10> table{&activation_flow::find_card,     &activation_flow::pair_phone,
                                            &activation_flow::confirm_sas,   &activation_flow::show_card,
                                            &activation_flow::open_portal,   &activation_flow::login,
                                            &activation_flow::confirm_phone, &activation_flow::sms_code,
                                            &activation_flow::pin,           &activation_flow::finish};
  const auto i = static_cast<std::size_t>(state_);
  if (i >= table.size()) return state_;  // done and failed are final
  if (p_.board.cancel_flag() && state_ != flow_state::finish) {
    if (state_ > flow_state::confirm_sas) p_.phone.close("cancelled");
    return state_ = fail(journey_text::cancelled);
  }
  try {
    state_ = (this->*table[i])();
  } catch (const std::exception&) {
    state_ = fail(journey_text::internal_error);
  }
  return state_;
}

bool activation_flow::run() {
  while (state_ != flow_state::done && state_ != flow_state::failed) (void)step();
  return state_ == flow_state::done;
}

flow_state activation_flow::fail(ui::message why) {
  p_.board.set(stage::failed, std::move(why));
  return flow_state::failed;
}

flow_state activation_flow::phone_failed() {
  return fail(p_.phone.why());
}

// 1. The card: a qualified signing certificate with a T.C. Kimlik No, or nothing to activate.
flow_state activation_flow::find_card() {
  p_.board.set(stage::waiting_card, journey_text::waiting_card);
  auto s = p_.card.read(p_.board.cancel_flag());
  if (!s) return fail(s.error());
  if (!s->signing()) return fail(card::missing_signing_certificate(*s));
  for (auto& w : card::summary_warnings(*s, p_.now())) p_.board.add_warning(std::move(w));
  if (!s->signing()->tckn) return fail(journey_text::no_tckn);
  summary_ = std::move(*s);
  const auto& cert = *summary_->signing();
  p_.board.set_card({cert.holder_name, identity::mask_tckn(*cert.tckn), summary_->serial,
                     card::utc_date(cert.not_before), card::utc_date(cert.not_after),
                     std::string(card::validity_name(card::validity_at(cert, p_.now()))), cert.verdict});
  return flow_state::pair_phone;
}

// 2. Pairing: the QR on the desktop until a phone pairs.
flow_state activation_flow::pair_phone() {
  p_.board.set(stage::waiting_phone, journey_text::scan_qr);
  if (!p_.phone.pair(p_.board.cancel_flag())) return phone_failed();
  p_.log.info("phone_paired");
  return flow_state::confirm_sas;
}

// 3. The person compares: the code on the phone, typed on the desktop.
flow_state activation_flow::confirm_sas() {
  p_.board.set(stage::waiting_sas, journey_text::type_sas);
  switch (p_.phone.confirm_sas()) {
    case sas_result::confirmed:
      p_.board.set(stage::on_phone, journey_text::follow_phone);
      return flow_state::show_card;
    case sas_result::cancelled: p_.phone.close("cancelled"); return fail(journey_text::cancelled);
    case sas_result::phone_gone:
      p_.log.warn("sas_not_confirmed", {{"reason", std::string("phone_gone")}});
      return fail(journey_text::sas_phone_gone);
    case sas_result::rejected: break;
  }
  p_.log.warn("sas_not_confirmed", {{"reason", std::string("wrong_or_timeout")}});
  p_.phone.close("sas failed");
  return fail(journey_text::sas_mismatch);
}

// 4. What is on the card, for the person to check.
flow_state activation_flow::show_card() {
  const auto& cert = *summary_->signing();
  auto info = fields_of({{"holder", bl::field_value::of_text(cert.holder_name)},
                         {"tckn_masked", bl::field_value::of_text(identity::mask_tckn(*cert.tckn))},
                         {"serial", bl::field_value::of_text(summary_->serial)},
                         {"valid_from", bl::field_value::of_text(card::utc_date(cert.not_before))},
                         {"valid_to", bl::field_value::of_text(card::utc_date(cert.not_after))},
                         {"validity", bl::field_value::of_text(std::string(
                                          card::validity_name(card::validity_at(cert, p_.now()))))}});
  if (!p_.phone.ask("card", std::move(info), p_.step_wait)) return phone_failed();
  return flow_state::open_portal;
}

// 5. The portal's login page.
flow_state activation_flow::open_portal() {
  p_.board.set_step(journey_step::portal_login);
  p_.board.set(stage::portal, journey_text::connecting_portal);
  auto screen = p_.portal.open();
  if (!screen) return fail(screen.error());
  return flow_state::login;
}

// 6. Login: the captcha and the security word from the phone. A wrong captcha or word is said on
// the phone, which decides whether to try again (nothing is resubmitted by us).
flow_state activation_flow::login() {
  const auto& ls = p_.portal.current_login();
  p_.board.set(stage::on_phone, journey_text::follow_phone);  // the person is needed on the phone
  auto answer = p_.phone.ask(
      "login",
      fields_of({{"captcha", bl::field_value::of_bytes(ls.captcha_image)},
                 {"attempts_left", bl::field_value::of_number(static_cast<std::uint64_t>(ls.attempts_left))},
                 {"last_try", bl::field_value::of_bool(ls.last_try)},
                 {"error", bl::field_value::of_text(login_error_)}}),
      p_.step_wait);
  if (!answer) return phone_failed();
  // A new picture, asked for on the phone: the login page again; nothing is submitted.
  if (const auto* reload = bl::find_field(*answer, "reload"); reload && reload->flag) {
    p_.log.info("captcha_reload");
    p_.board.set(stage::portal, journey_text::connecting_portal);
    auto screen = p_.portal.open();
    if (!screen) return fail(screen.error());
    login_error_.clear();
    return flow_state::login;
  }
  const auto* captcha = bl::find_field(*answer, "captcha");
  const auto* word = bl::find_field(*answer, "security_word");
  if (!captcha || !word) return fail(journey_text::incomplete_answer);
  p_.board.set(stage::portal, journey_text::logging_in);
  auto r = p_.portal.login(*summary_->signing()->tckn, captcha->data, word->data);
  p_.log.info("portal_login",
              {{"captcha", captcha->data},
               {"security_word", word->data},
               {"result", r ? std::string("ok") : std::string(portal::code_name(r.error()))}});
  if (r) {
    masked_phone_ = r->masked_phone;
    return flow_state::confirm_phone;
  }
  if (r.error() == portal::portal_errc::wrong_captcha ||
      r.error() == portal::portal_errc::wrong_credentials) {
    login_error_ = std::string(portal::code_name(r.error()));
    return flow_state::login;
  }
  return fail(r.error());
}

// 7. The registered phone number, as the portal shows it (masked).
flow_state activation_flow::confirm_phone() {
  p_.board.set_step(journey_step::phone_confirm);
  p_.board.set(stage::on_phone, journey_text::follow_phone);
  auto confirm = p_.phone.ask(
      "confirm_phone", fields_of({{"masked_phone", bl::field_value::of_text(masked_phone_)}}), p_.step_wait);
  if (!confirm) return phone_failed();
  const auto* ok = bl::find_field(*confirm, "confirmed");
  if (!ok || !ok->flag) return fail(journey_text::phone_not_yours);
  if (auto r = p_.portal.confirm_phone(); !r) return fail(r.error());
  return flow_state::sms_code;
}

// 8. The SMS code (a wrong one: the phone asks again).
flow_state activation_flow::sms_code() {
  p_.board.set_step(journey_step::sms_code);
  p_.board.set(stage::on_phone, journey_text::type_sms);
  auto answer =
      p_.phone.ask("sms_code", fields_of({{"error", bl::field_value::of_text(sms_error_)}}), p_.step_wait);
  if (!answer) return phone_failed();
  const auto* code = bl::find_field(*answer, "code");
  if (!code) return fail(journey_text::incomplete_answer);
  auto r = p_.portal.submit_sms(code->data);
  p_.log.info(
      "sms_code_submitted",
      {{"code", code->data}, {"result", r ? std::string("ok") : std::string(portal::code_name(r.error()))}});
  if (r) {
    auto info = p_.portal.pin_puk();
    if (!info) return fail(info.error());
    p_.log.info("pin_puk_read", {{"pin", info->pin}, {"card_serial", info->card_serial}});
    // The portal's PIN belongs to the card with the portal's serial: never sent to another card.
    serial_matches_ = card::same_card_serial(info->card_serial, summary_->serial);
    if (!serial_matches_) p_.board.add_warning(journey_text::serial_mismatch);
    info_ = std::move(*info);
    return flow_state::pin;
  }
  if (r.error() == portal::portal_errc::wrong_sms_code) {
    sms_error_ = "wrong_sms_code";
    return flow_state::sms_code;
  }
  return fail(r.error());
}

// 9. PIN/PUK only on the phone; the person changes the PIN (their card only), deletes the
// passwords from the portal (only once confirmed), or finishes.
flow_state activation_flow::pin() {
  bl::fields f = fields_of({{"pin", bl::field_value::of_bytes(info_->pin.view())},
                            {"serial", bl::field_value::of_text(info_->card_serial)},
                            {"card_serial", bl::field_value::of_text(summary_->serial)},
                            {"serial_matches", bl::field_value::of_bool(serial_matches_)},
                            {"pin_changed", bl::field_value::of_bool(pin_changed_)},
                            {"deleted", bl::field_value::of_bool(deleted_)},
                            {"note", bl::field_value::of_text(note_)}});
  if (info_->puk) f.push_back({"puk", bl::field_value::of_bytes(info_->puk->view())});
  p_.board.set_step(journey_step::pin);
  p_.board.set(stage::on_phone, journey_text::pin_on_phone);
  auto answer = p_.phone.ask("pin", std::move(f), p_.step_wait);
  if (!answer) return flow_state::finish;  // the person left: nothing more to do
  const auto action = text(bl::find_field(*answer, "action"));
  if (action == "change" && !pin_changed_) {
    if (!serial_matches_) {  // refused, not warned about: nothing goes to a card that is not the person's
      p_.log.warn("pin_change_refused", {{"reason", std::string("serial_mismatch")}});
      note_ = "pin_change_refused_serial";
      return flow_state::pin;
    }
    const auto* new_pin = bl::find_field(*answer, "new_pin");
    if (!new_pin) return flow_state::pin;
    auto r = p_.card.change_pin(info_->pin, new_pin->data);  // one attempt, on the person's action
    p_.log.info("pin_change", {{"new_pin", new_pin->data},
                               {"result", r ? std::string("ok") : std::string(card::code_name(r.error()))}});
    pin_changed_ = r.ok();
    note_ = r ? "pin_changed" : std::string(card::code_name(r.error()));
    return flow_state::pin;
  }
  if (action == "delete" && !deleted_) {
    const auto* confirmed = bl::find_field(*answer, "confirmed");
    auto r = p_.portal.delete_passwords(confirmed && confirmed->flag);
    p_.log.info("portal_delete",
                {{"result", r ? std::string("ok") : std::string(portal::code_name(r.error()))}});
    deleted_ = r.ok();
    note_ = r ? "deleted" : std::string(portal::code_name(r.error()));
    return flow_state::pin;
  }
  return flow_state::finish;
}

// 10. Log out, tell the phone what was done, close (the bye is acknowledged).
flow_state activation_flow::finish() {
  p_.portal.logout();
  (void)p_.phone.ask("done",
                     fields_of({{"pin_changed", bl::field_value::of_bool(pin_changed_)},
                                {"deleted", bl::field_value::of_bool(deleted_)}}),
                     std::chrono::seconds(30));
  p_.phone.close("done");
  p_.board.set_step(journey_step::done);
  p_.board.set(stage::done, journey_text::done);
  return flow_state::done;
}

}  // namespace eimza::journey
