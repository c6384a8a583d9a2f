#pragma once
// Everything the client knows about the portal's screens, as data: the entry URL, the visible
// labels and button texts, and the texts that mark errors. Every text is a list: any of them may
// be what the screen shows (matched with text_match.hpp's rules). Adapting to a changed live portal
// is a profile change only (docs/portal.md); `bridge portal-check` shows what a profile finds.
#include <boost/describe/class.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace eimza::portal {

using texts = std::vector<std::string>;

// The sections below are the JSON's (bridge/portal/profiles/kamusm.json), member for member:
// parse_profile() reads them through their Boost.Describe declarations (a trailing '_' is not part
// of the key: `delete_` is "delete"). Keys named in a section's `optional_keys` may be left out.
struct login_texts {
  texts kimlik_no, captcha, security_word, submit;
  texts captcha_image{"captcha"};  // hints: text in the captcha image's alt/title/src/id/class
  static constexpr std::string_view optional_keys[] = {"captcha_image"};
};
struct phone_texts {
  texts confirm, send;
  texts masked_phone;  // ECMAScript regexes, matched on the page text as shown
};
struct sms_texts {
  texts code, submit;
};
struct menu_texts {
  texts pin_puk, logout;
};
struct pin_puk_texts {
  texts serial, pin, puk, delete_, delete_confirm, deleted;
};
struct error_texts {
  texts wrong_captcha, wrong_credentials, blocked, wrong_sms, sms_expired, session_expired;
  texts attempts_left;  // ECMAScript regexes on normalised text; any capture group may hold the number
};

struct portal_profile {
  std::string name;
  std::string entry_url;
  texts navigate;  // link/button texts from the entry page to the login form, in order (may be empty)
  login_texts login;
  phone_texts phone;
  sms_texts sms;
  menu_texts menu;
  pin_puk_texts pin_puk;
  error_texts errors;
  static constexpr std::string_view optional_keys[] = {"navigate"};
};

BOOST_DESCRIBE_STRUCT(login_texts, (), (kimlik_no, captcha, security_word, submit, captcha_image))
BOOST_DESCRIBE_STRUCT(phone_texts, (), (confirm, send, masked_phone))
BOOST_DESCRIBE_STRUCT(sms_texts, (), (code, submit))
BOOST_DESCRIBE_STRUCT(menu_texts, (), (pin_puk, logout))
BOOST_DESCRIBE_STRUCT(pin_puk_texts, (), (serial, pin, puk, delete_, delete_confirm, deleted))
BOOST_DESCRIBE_STRUCT(error_texts, (),
                      (wrong_captcha, wrong_credentials, blocked, wrong_sms, sms_expired, session_expired,
                       attempts_left))
BOOST_DESCRIBE_STRUCT(portal_profile, (),
                      (name, entry_url, navigate, login, phone, sms, menu, pin_puk, errors))

/// Parses and validates a whole profile; throws std::runtime_error naming the key that is
/// missing, unknown or malformed ("errors.attempts_left[1]: …").
[[nodiscard]] portal_profile parse_profile(std::string_view json_text);
[[nodiscard]] portal_profile load_profile(const std::string& path);
/// The built-in Kamu SM profile (bridge/portal/profiles/kamusm.json, compiled in).
[[nodiscard]] const portal_profile& builtin_profile();

}  // namespace eimza::portal
