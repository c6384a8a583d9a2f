#include "journey/desktop_text.hpp"

namespace eimza::journey {

ui::message step_label(journey_step s) {
  switch (s) {
    case journey_step::card: return desktop_text::step_card;
    case journey_step::portal_login: return desktop_text::step_portal_login;
    case journey_step::phone_confirm: return desktop_text::step_phone_confirm;
    case journey_step::sms_code: return desktop_text::step_sms_code;
    case journey_step::pin: return desktop_text::step_pin;
    case journey_step::done: return desktop_text::step_done;
  }
  return desktop_text::step_card;
}

std::optional<ui::message> step_todo(journey_step s) {
  switch (s) {
    case journey_step::card: return desktop_text::do_card;
    case journey_step::portal_login: return desktop_text::do_portal_login;
    case journey_step::phone_confirm: return desktop_text::do_phone_confirm;
    case journey_step::sms_code: return desktop_text::do_sms_code;
    case journey_step::pin: return desktop_text::do_pin;
    case journey_step::done: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace eimza::journey
