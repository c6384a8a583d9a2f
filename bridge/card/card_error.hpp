#pragma once
// What can go wrong with the reader or the card; the sentence for the person is in the catalogue. PC/SC
// codes, status words and PKCS#11 return values are translated into this once, at their boundary.
#include <string_view>

#include "ui/text.hpp"

namespace eimza::card {

enum class card_errc {
  no_service = 1,     // pcscd not running / PC/SC unavailable
  no_reader,          // no reader connected
  no_card,            // reader present, no card
  card_removed,       // card pulled while we talked to it
  reader_removed,     // reader unplugged
  timeout,            // waited too long
  cancelled,          // stopped on request
  unresponsive,       // card does not answer / mute
  sharing_violation,  // another program holds the card exclusively
  protocol_error,     // malformed response, bad TLV/ASN.1, oversized length
  unexpected_status,  // a status word we do not handle
  file_not_found,     // the card lacks the expected file/application
  pin_blocked,        // PIN retry counter is 0
  pin_wrong,          // VERIFY/C_Login said wrong PIN
  pin_format,         // new PIN does not meet the rules
  module_missing,     // PKCS#11 module file not found / not loadable
  module_failed,      // PKCS#11 call failed
  no_token,           // PKCS#11: no token present
  bad_certificate,    // certificate could not be parsed
  driver_missing,     // an AKIS card and no vendor module (akisp11) installed
  no_certificate,     // nothing to sign with on the card
  identity_card,      // AKIS v2 / ID-card family with no e-signature certificate: likely a T.C. Kimlik Kartı
  several_cards,      // cards in more than one reader (or tokens in several slots), none chosen
  internal,           // anything else
};

BOOST_DESCRIBE_ENUM(card_errc, no_service, no_reader, no_card, card_removed, reader_removed, timeout,
                    cancelled, unresponsive, sharing_violation, protocol_error, unexpected_status,
                    file_not_found, pin_blocked, pin_wrong, pin_format, module_missing, module_failed,
                    no_token, bad_certificate, driver_missing, no_certificate, identity_card, several_cards,
                    internal)
/// Its sentences are "card.<name>" in the catalogue (bridge/ui/i18n).
constexpr std::string_view text_domain(card_errc) noexcept {
  return "card";
}

/// The enumerator's name ("no_reader"), for logs and JSON.
[[nodiscard]] inline std::string_view code_name(card_errc e) noexcept {
  return ui::enum_name(e);
}

}  // namespace eimza::card
