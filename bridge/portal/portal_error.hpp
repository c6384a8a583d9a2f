#pragma once
// Portal outcomes the caller must tell apart, each with Turkish and English text.
#include <string_view>

#include "bridgelink/errors.hpp"
#include "ui/text.hpp"

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

[[nodiscard]] std::string_view code_name(portal_errc e) noexcept;
[[nodiscard]] std::string_view describe(portal_errc e, ui::language lang) noexcept;

template <class T>
using portal_result = bridgelink::basic_result<T, portal_errc>;

}  // namespace eimza::portal
