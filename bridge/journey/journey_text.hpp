#pragma once
// What the journey says to the person on the desktop (stages, pauses, failures).
// The sentences are "journey.<name>" in the catalogue (bridge/ui/i18n/{tr,en}.json).
#include "ui/message.hpp"

namespace eimza::journey {

enum class journey_text {
  cancelled,
  internal_error,
  waiting_card,
  scan_qr,
  type_sas,
  follow_phone,
  sas_phone_gone,
  sas_mismatch,
  no_tckn,
  connecting_portal,
  logging_in,
  incomplete_answer,
  phone_not_yours,
  type_sms,
  serial_mismatch,
  pin_on_phone,
  done,
  card_pulled,
  card_not_back,
  other_card,
  step_undeclared,
  step_not_opened,
  phone_away,
  page_closed,
  answer_mismatch,
  phone_no_answer,
  phone_connection_ended,
  qr_timeout,
  link_used,
  open_with_link,
  bridge_name,
  no_reader,
};
BOOST_DESCRIBE_ENUM(journey_text, cancelled, internal_error, waiting_card, scan_qr, type_sas, follow_phone,
                    sas_phone_gone, sas_mismatch, no_tckn, connecting_portal, logging_in, incomplete_answer,
                    phone_not_yours, type_sms, serial_mismatch, pin_on_phone, done, card_pulled,
                    card_not_back, other_card, step_undeclared, step_not_opened, phone_away, page_closed,
                    answer_mismatch, phone_no_answer, phone_connection_ended, qr_timeout, link_used,
                    open_with_link, bridge_name, no_reader)
constexpr std::string_view text_domain(journey_text) noexcept {
  return "journey";
}

}  // namespace eimza::journey
