#pragma once
// Everything the client knows about the portal's screens, as data: the entry URL, the visible
// labels and button texts, and the texts that mark errors. Every text is a list: any of them may
// be what the screen shows (matched with text_match.hpp's rules). Adapting to a changed live portal
// is a profile change only (docs/portal.md); `bridge portal-check` shows what a profile finds.
#include <string>
#include <string_view>
#include <vector>

namespace eimza::portal {

using texts = std::vector<std::string>;

struct portal_profile {
  std::string name;
  std::string entry_url;
  texts navigate;  // link/button texts from the entry page to the login form, in order

  texts kimlik_no_label, captcha_label, security_word_label, login_button;
  texts captcha_image;  // hints: text in the captcha image's alt/title/src/id/class
  texts phone_confirm_buttons, sms_send_buttons;
  texts masked_phone_pattern;  // ECMAScript regexes, matched on the page text as shown
  texts sms_code_label, sms_submit_buttons;
  texts pin_puk_button, logout_buttons;
  texts serial_row, pin_row, puk_row, delete_button, delete_confirm_buttons, deleted_markers;

  texts wrong_captcha, wrong_credentials, blocked, wrong_sms, sms_expired, session_expired;
  texts
      attempts_left_pattern;  // ECMAScript regexes on normalised text; any capture group may hold the number
};

/// Parses and validates a whole profile; throws std::runtime_error naming the key that is
/// missing, unknown or malformed ("errors.attempts_left[1]: …").
[[nodiscard]] portal_profile parse_profile(std::string_view json_text);
[[nodiscard]] portal_profile load_profile(const std::string& path);
/// The built-in Kamu SM profile (bridge/portal/profiles/kamusm.json, compiled in).
[[nodiscard]] const portal_profile& builtin_profile();

}  // namespace eimza::portal
