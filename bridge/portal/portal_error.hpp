#pragma once
// Portal outcomes the caller must tell apart; the sentence for the person is in the catalogue.
#include <string_view>

#include "bridgelink/errors.hpp"
#include "ui/message.hpp"

namespace eimza::portal {

enum class portal_errc {
  network = 1,      // DNS, connection refused/reset, proxy
  tls,              // certificate verification or handshake failed
  timeout,          // no answer in time
  server_error,     // HTTP 5xx
  http_status,      // another unexpected HTTP status
  too_large,        // response above the size limit
  unexpected_page,  // the page does not have what the profile says (profile out of date?)
  bad_kimlik_no,    // refused locally, before any submit
  wrong_captcha,
  wrong_credentials,  // security word or Kimlik No wrong (costs a try)
  account_blocked,
  wrong_sms_code,
  sms_expired,
  session_expired,
  bad_state,          // step called out of order
  not_confirmed,      // delete asked without the person's confirmation
  passwords_deleted,  // the portal no longer holds the PIN/PUK
  internal,           // a fault in our own code (caught, never thrown out of the portal client)
};

BOOST_DESCRIBE_ENUM(portal_errc, network, tls, timeout, server_error, http_status, too_large, unexpected_page,
                    bad_kimlik_no, wrong_captcha, wrong_credentials, account_blocked, wrong_sms_code,
                    sms_expired, session_expired, bad_state, not_confirmed, passwords_deleted, internal)
/// Its sentences are "portal.<name>" in the catalogue (bridge/ui/i18n).
constexpr std::string_view text_domain(portal_errc) noexcept {
  return "portal";
}

/// The enumerator's name ("wrong_captcha"), for logs, JSON and the phone.
[[nodiscard]] inline std::string_view code_name(portal_errc e) noexcept {
  return ui::enum_name(e);
}

template <class T>
using portal_result = bridgelink::basic_result<T, portal_errc>;

}  // namespace eimza::portal
