#pragma once
// Everything the client knows about the portal's screens, as data: the entry URL, the visible
// labels and button texts, and the texts that mark errors. Adapting to a changed live portal is
// a profile change only (docs/portal.md).
#include <string>
#include <vector>

namespace eimza::portal {

struct portal_profile {
  std::string name;
  std::string entry_url;
  std::vector<std::string> navigate;  // link/button texts from the entry page to the login form

  std::string kimlik_no_label, captcha_label, security_word_label, login_button;
  std::vector<std::string> phone_confirm_buttons, sms_send_buttons;
  std::string masked_phone_pattern;  // ECMAScript regex
  std::string sms_code_label;
  std::vector<std::string> sms_submit_buttons;
  std::string pin_puk_button;
  std::vector<std::string> logout_buttons;
  std::string serial_row, pin_row, puk_row, delete_button;
  std::vector<std::string> delete_confirm_buttons, deleted_markers;

  std::vector<std::string> wrong_captcha, wrong_credentials, blocked, wrong_sms, sms_expired, session_expired;
  std::string attempts_left_pattern;  // ECMAScript regex with one capture group
};

/// Parses a profile; throws std::runtime_error naming the missing or malformed key.
[[nodiscard]] portal_profile parse_profile(std::string_view json_text);
[[nodiscard]] portal_profile load_profile(const std::string& path);
/// The built-in Kamu SM profile (bridge/portal/profiles/kamusm.json, compiled in).
[[nodiscard]] const portal_profile& builtin_profile();

}  // namespace eimza::portal
