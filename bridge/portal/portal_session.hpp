#pragma once
// The "Şifreli Giriş" flow as one state machine over an http_client and a portal_profile:
//   open → login → confirm_phone → submit_sms → pin_puk → (delete_passwords) → logout
// Each step returns a typed result; the caller (the bridge's flow) decides what to do next.
// Guards: the Kimlik No is checked locally before any submit; attempts left are tracked; no
// credential, captcha, SMS code or delete request is ever sent twice by this class; values read
// from the portal (PIN, serial) are checked before they are trusted; no exception leaves it (a
// fault is portal_errc::internal).
#include <functional>
#include <optional>
#include <string>

#include "bridgelink/secret.hpp"
#include "portal/html_page.hpp"
#include "portal/http_client.hpp"
#include "portal/portal_profile.hpp"

namespace eimza::portal {

struct login_screen {
  bridgelink::bytes captcha_image;
  std::string captcha_mime;
  int attempts_left = 3;  // wrong security words before the account is blocked
  bool last_try = false;  // say so plainly before the person submits
};

struct phone_screen {
  std::string masked_phone;  // as the portal shows it, e.g. "05** *** ** 42"
};

struct pin_puk_info {
  std::string card_serial;
  bridgelink::secret_bytes pin;
  std::optional<bridgelink::secret_bytes> puk;
};

struct step_done {};

class portal_session {
 public:
  enum class state {
    idle,
    login_form,
    phone_confirm,
    sms_code,
    menu,
    pin_puk_shown,
    deleted,
    blocked,
    ended
  };

  portal_session(http_client& http, const portal_profile& profile) : http_(http), profile_(profile) {}

  /// Entry page → navigation → the login form, with a fresh captcha.
  [[nodiscard]] portal_result<login_screen> open();
  /// One POST. wrong_captcha / wrong_credentials leave the session on a fresh login screen
  /// (current_login()); account_blocked ends it. bad_kimlik_no sends nothing.
  [[nodiscard]] portal_result<phone_screen> login(std::string_view kimlik_no,
                                                  const bridgelink::secret_bytes& captcha,
                                                  const bridgelink::secret_bytes& security_word);
  /// "Onay", then "Gönder": the portal sends the SMS.
  [[nodiscard]] portal_result<step_done> confirm_phone();
  [[nodiscard]] portal_result<step_done> submit_sms(const bridgelink::secret_bytes& code);
  [[nodiscard]] portal_result<pin_puk_info> pin_puk();
  /// Only with the person's confirmation that the PIN is recorded or changed on the card.
  [[nodiscard]] portal_result<step_done> delete_passwords(bool person_confirmed);
  void logout();

  [[nodiscard]] state current_state() const noexcept { return state_; }
  [[nodiscard]] const login_screen& current_login() const noexcept { return login_; }
  /// Why the last unexpected_page happened, by shape only (never a value): for logs and support.
  [[nodiscard]] const std::string& last_problem() const noexcept { return problem_; }
  /// Called with every page the session reads (its URL): `bridge portal-check` reports on them.
  std::function<void(const std::string& url, const html_page& page)> on_page;

 private:
  template <class T, class F>
  portal_result<T> guarded(F&& f);
  portal_result<login_screen> open_impl();
  portal_result<phone_screen> login_impl(std::string_view kimlik_no, const bridgelink::secret_bytes& captcha,
                                         const bridgelink::secret_bytes& security_word);
  portal_result<step_done> confirm_phone_impl();
  portal_result<step_done> submit_sms_impl(const bridgelink::secret_bytes& code);
  portal_result<pin_puk_info> pin_puk_impl();
  portal_result<step_done> delete_passwords_impl();

  [[nodiscard]] portal_result<html_page> fetch(http_request r);
  [[nodiscard]] portal_result<html_page> get(const std::string& url);
  [[nodiscard]] portal_result<html_page> submit(const html_form& form, const form_control* submitter,
                                                std::vector<form_value> values,
                                                const std::optional<postback>& pb = std::nullopt);
  [[nodiscard]] portal_result<html_page> click_any(const html_page& page, const texts& names);
  [[nodiscard]] std::optional<portal_errc> error_on(const html_page& page) const;
  [[nodiscard]] portal_result<login_screen> take_login_form(const html_page& page);
  [[nodiscard]] portal_errc unexpected(std::string why);
  [[nodiscard]] portal_errc fail(portal_errc e);

  http_client& http_;
  const portal_profile& profile_;
  state state_ = state::idle;
  std::string url_;                // the current page's URL (base for relative links)
  std::optional<html_page> page_;  // the current page
  login_screen login_;
  std::string problem_;
};

}  // namespace eimza::portal
