#pragma once
// The card summary for people (text, Turkish/English) and for programs (JSON).
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "card/card_access.hpp"
#include "ui/text.hpp"

namespace eimza::card {

/// no_certificate, or identity_card for an ID-card-family card with none: why there is no signing
/// certificate.
[[nodiscard]] card_errc missing_signing_certificate(const card_summary& s) noexcept;

/// The summary's own words ("card_note.<name>" in the catalogue).
enum class card_note {
  unreadable_certificates,  // {n}
  not_yet_valid,            // {date}
  expired,                  // {date}
  pin_blocked,
  pin_final_try,
  pin_count_low,
  reader,
  card_type,
  driver,
  serial,
  signing_certificate,
  other_certificate,
  holder,
  tckn,
  none,
  type,
  valid,
  issuer,
  pin_tries_left,
  waiting,  // {seconds}
};
BOOST_DESCRIBE_ENUM(card_note, unreadable_certificates, not_yet_valid, expired, pin_blocked, pin_final_try,
                    pin_count_low, reader, card_type, driver, serial, signing_certificate, other_certificate,
                    holder, tckn, none, type, valid, issuer, pin_tries_left, waiting)
constexpr std::string_view text_domain(card_note) noexcept {
  return "card_note";
}

/// Warnings worth saying in words, about the signing certificate: not yet valid / expired, a test
/// or non-qualified certificate; unreadable certificates; PIN low/blocked.
[[nodiscard]] std::vector<ui::message> summary_warnings(const card_summary& s, std::int64_t now);

/// Warnings in English (for programs reading the JSON), the verdict's sentence in both languages.
[[nodiscard]] boost::json::object summary_json(const card_summary& s, std::int64_t now);
/// For the terminal: the T.C. Kimlik No is masked.
[[nodiscard]] std::string summary_text(const card_summary& s, std::int64_t now, ui::language lang);

/// "2026-11-25" (UTC).
[[nodiscard]] std::string utc_date(std::int64_t unix_seconds);

}  // namespace eimza::card
