#pragma once
// The desktop page's own words (labels, the stages' headings and what to do, the SAS outcomes,
// "bridge unreachable"): "desktop.<name>" in the catalogue. The page gets them from
// GET /desktop-text.json (desktop_page.cpp), built from these lists, and looks them up in
// bridge/journey/desktop/desktop-text.js. Two enums only because Boost.Describe takes at most 52
// enumerators in one; both are the "desktop" domain.
#include <optional>

#include "journey/status_board.hpp"
#include "ui/message.hpp"

namespace eimza::journey {

enum class desktop_text {
  sas_label,
  sas_confirm,
  cancel,
  qr_label,
  sas_accepted,
  sas_wrong,
  sas_locked,
  sas_malformed,
  sas_unavailable,
  unreachable,
  confirm_cancel,
  title,
  lang_switch,
  lang_switch_label,
  steps_label,
  step_card,
  step_portal_login,
  step_phone_confirm,
  step_sms_code,
  step_pin,
  step_done,
  step_state_done,
  step_state_current,
  head_waiting_card,
  do_waiting_card,
  reader_picture,
  head_waiting_phone,
  qr_step1,
  qr_step2,
  qr_step3,
  qr_why,
  head_waiting_sas,
  do_waiting_sas,
  sas_differs,
  head_on_phone,
  do_card,
  do_portal_login,
  do_phone_confirm,
  do_sms_code,
  do_pin,
  head_portal,
  portal_wait,
  head_done,
  next_keep,
  next_change,
  next_ready,
};
BOOST_DESCRIBE_ENUM(desktop_text, sas_label, sas_confirm, cancel, qr_label, sas_accepted, sas_wrong,
                    sas_locked, sas_malformed, sas_unavailable, unreachable, confirm_cancel, title,
                    lang_switch, lang_switch_label, steps_label, step_card, step_portal_login,
                    step_phone_confirm, step_sms_code, step_pin, step_done, step_state_done,
                    step_state_current, head_waiting_card, do_waiting_card, reader_picture,
                    head_waiting_phone, qr_step1, qr_step2, qr_step3, qr_why, head_waiting_sas,
                    do_waiting_sas, sas_differs, head_on_phone, do_card, do_portal_login, do_phone_confirm,
                    do_sms_code, do_pin, head_portal, portal_wait, head_done, next_keep, next_change,
                    next_ready)
constexpr std::string_view text_domain(desktop_text) noexcept {
  return "desktop";
}

enum class desktop_guide {
  head_failed,
  failed_retry,
  failed_blocked,
  head_paused_card,
  do_paused_card,
  head_paused_phone,
  do_paused_phone,
  card_heading,
  card_holder,
  card_tckn,
  card_serial,
  card_validity,
  card_valid_range,
  validity_valid,
  validity_not_yet_valid,
  validity_expired,
  card_verdict,
  warnings_heading,
  pin_never_here,
  qr_alt,
  head_portal_slow,
  do_portal_slow,
  head_no_reader,
  do_no_reader,
};
BOOST_DESCRIBE_ENUM(desktop_guide, head_failed, failed_retry, failed_blocked, head_paused_card,
                    do_paused_card, head_paused_phone, do_paused_phone, card_heading, card_holder, card_tckn,
                    card_serial, card_validity, card_valid_range, validity_valid, validity_not_yet_valid,
                    validity_expired, card_verdict, warnings_heading, pin_never_here, qr_alt,
                    head_portal_slow, do_portal_slow, head_no_reader, do_no_reader)
constexpr std::string_view text_domain(desktop_guide) noexcept {
  return "desktop";
}

/// The step bar's name of a journey step ("SMS kodu") and what the person does on the phone then
/// (none for done): for the tray's tooltip and notifications, in the desktop page's words.
[[nodiscard]] ui::message step_label(journey_step s);
[[nodiscard]] std::optional<ui::message> step_todo(journey_step s);

}  // namespace eimza::journey
