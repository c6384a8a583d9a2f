#include "portal/portal_session.hpp"

#include <regex>

#include "identity/kimlik_no.hpp"
#include "portal/text_match.hpp"

namespace eimza::portal {
namespace {

bool any_marker(const html_page& page, const std::vector<std::string>& markers) {
  for (const auto& m : markers) {
    if (contains_text(page.text, m)) return true;
    for (const auto& msg : page.messages)
      if (contains_text(msg, m)) return true;
  }
  return false;
}

std::string text_view(const bridgelink::secret_bytes& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}

}  // namespace

portal_errc portal_session::fail(portal_errc e) {
  if (e == portal_errc::account_blocked) state_ = state::blocked;
  else if (e != portal_errc::wrong_captcha && e != portal_errc::wrong_credentials && e != portal_errc::wrong_sms_code &&
           e != portal_errc::bad_kimlik_no && e != portal_errc::not_confirmed && e != portal_errc::bad_state)
    state_ = state::ended;  // transport errors, expiry, unknown pages: start again from open()
  return e;
}

portal_result<html_page> portal_session::get(const std::string& url) {
  auto r = http_.send({"GET", url, {}, {}});
  if (!r) return r.error();
  if (r->status >= 500) return portal_errc::server_error;
  if (r->status != 200) return portal_errc::http_status;
  url_ = r->final_url.empty() ? url : r->final_url;
  return parse_html(std::string_view(reinterpret_cast<const char*>(r->body.data()), r->body.size()));
}

portal_result<html_page> portal_session::submit(const html_form& form, const form_button* button,
                                                std::vector<form_value> values) {
  std::vector<form_value> body;
  // Every field the form has, as a browser would send it: ours by label, the rest (hidden
  // tokens, view state) as the page gave them.
  for (const auto& f : form.fields) {
    if (f.type == "checkbox" || f.type == "radio") continue;
    bool ours = false;
    for (auto& v : values)
      if (v.name == f.name) {
        body.push_back({f.name, std::move(v.value)});
        ours = true;
        break;
      }
    if (!ours) body.push_back({f.name, bridgelink::secret_bytes(bridgelink::as_bytes(f.value))});
  }
  if (button && !button->name.empty()) body.push_back({button->name, bridgelink::secret_bytes(bridgelink::as_bytes(button->value))});
  const std::string action = resolve_url(url_, form.action);
  if (form.method == "post") {
    auto r = http_.send({"POST", action, std::move(body), {}});
    if (!r) return r.error();
    if (r->status >= 500) return portal_errc::server_error;
    if (r->status != 200) return portal_errc::http_status;
    url_ = r->final_url.empty() ? action : r->final_url;
    return parse_html(std::string_view(reinterpret_cast<const char*>(r->body.data()), r->body.size()));
  }
  std::string url = action.substr(0, action.find('?')) + "?" + text_view(form_encode(body));
  return get(url);
}

portal_result<html_page> portal_session::click(const html_page& page, std::string_view text) {
  if (const auto* l = page.link(text)) return get(resolve_url(url_, l->href));
  if (const auto* f = page.form_with_button(text)) return submit(*f, button_by_text(*f, text), {});
  return portal_errc::unexpected_page;
}

portal_result<html_page> portal_session::click_any(const html_page& page, const std::vector<std::string>& texts) {
  for (const auto& t : texts)
    if (page.link(t) || page.form_with_button(t)) return click(page, t);
  return portal_errc::unexpected_page;
}

std::optional<portal_errc> portal_session::error_on(const html_page& page) const {
  if (any_marker(page, profile_.blocked)) return portal_errc::account_blocked;
  if (any_marker(page, profile_.session_expired)) return portal_errc::session_expired;
  if (any_marker(page, profile_.wrong_captcha)) return portal_errc::wrong_captcha;
  if (any_marker(page, profile_.wrong_credentials)) return portal_errc::wrong_credentials;
  if (any_marker(page, profile_.sms_expired)) return portal_errc::sms_expired;
  if (any_marker(page, profile_.wrong_sms)) return portal_errc::wrong_sms_code;
  return std::nullopt;
}

portal_result<login_screen> portal_session::take_login_form(const html_page& page) {
  const html_form* form = page.form_with_field(profile_.kimlik_no_label);
  if (!form || !field_by_label(*form, profile_.captcha_label) || !field_by_label(*form, profile_.security_word_label) ||
      !button_by_text(*form, profile_.login_button) || form->images.empty())
    return portal_errc::unexpected_page;
  auto img = http_.send({"GET", resolve_url(url_, form->images.front()), {}, {}});
  if (!img) return img.error();
  if (img->status != 200) return img->status >= 500 ? portal_errc::server_error : portal_errc::http_status;
  login_.captcha_image.assign(img->body.view().begin(), img->body.view().end());
  login_.captcha_mime = img->content_type;
  login_.last_try = login_.attempts_left == 1;
  page_ = page;
  state_ = state::login_form;
  return login_;
}

portal_result<login_screen> portal_session::open() {
  login_ = {};
  auto page = get(profile_.entry_url);
  if (!page) return fail(page.error());
  for (const auto& step : profile_.navigate) {
    if (page->form_with_field(profile_.kimlik_no_label)) break;  // already there
    page = click(*page, step);
    if (!page) return fail(page.error());
  }
  if (auto e = error_on(*page)) return fail(*e);
  auto screen = take_login_form(*page);
  if (!screen) return fail(screen.error());
  return screen;
}

portal_result<phone_screen> portal_session::login(std::string_view kimlik_no, const bridgelink::secret_bytes& captcha,
                                                  const bridgelink::secret_bytes& security_word) {
  if (state_ != state::login_form || !page_) return portal_errc::bad_state;
  const auto parsed = identity::parse_kimlik_no(kimlik_no);
  if (!parsed.value) return portal_errc::bad_kimlik_no;  // nothing sent: no try spent
  if (captcha.empty() || security_word.empty()) return portal_errc::bad_state;
  const html_form form = *page_->form_with_field(profile_.kimlik_no_label);
  std::vector<form_value> values;
  values.push_back({field_by_label(form, profile_.kimlik_no_label)->name,
                    bridgelink::secret_bytes(bridgelink::as_bytes(parsed.value->value))});
  values.push_back({field_by_label(form, profile_.captcha_label)->name, captcha});
  values.push_back({field_by_label(form, profile_.security_word_label)->name, security_word});
  // Sent once. Whatever happens next, this submission is not repeated by us.
  state_ = state::ended;
  auto page = submit(form, button_by_text(form, profile_.login_button), std::move(values));
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) {
    if (*e == portal_errc::wrong_credentials) {
      std::smatch m;
      const std::regex re(profile_.attempts_left_pattern, std::regex::icase);
      login_.attempts_left = std::regex_search(page->text, m, re) && m.size() > 1
                                 ? std::stoi(m[1].str())
                                 : std::max(0, login_.attempts_left - 1);
    }
    if (*e == portal_errc::wrong_captcha || *e == portal_errc::wrong_credentials) {
      auto again = take_login_form(*page);  // a fresh captcha for the next try
      if (!again) return fail(again.error());
    }
    return fail(*e);
  }
  const html_form* confirm = nullptr;
  for (const auto& b : profile_.phone_confirm_buttons)
    if ((confirm = page->form_with_button(b))) break;
  if (!confirm) return fail(portal_errc::unexpected_page);
  std::smatch m;
  const std::regex phone_re(profile_.masked_phone_pattern);
  phone_screen ps;
  if (std::regex_search(page->text, m, phone_re)) ps.masked_phone = m.str();
  page_ = std::move(*page);
  state_ = state::phone_confirm;
  return ps;
}

portal_result<step_done> portal_session::confirm_phone() {
  if (state_ != state::phone_confirm || !page_) return portal_errc::bad_state;
  state_ = state::ended;
  auto page = click_any(*page_, profile_.phone_confirm_buttons);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) return fail(*e);
  // Some portal versions send at once; others show a "Gönder" step first.
  if (!page->form_with_field(profile_.sms_code_label)) {
    page = click_any(*page, profile_.sms_send_buttons);
    if (!page) return fail(page.error());
    if (auto e = error_on(*page)) return fail(*e);
  }
  if (!page->form_with_field(profile_.sms_code_label)) return fail(portal_errc::unexpected_page);
  page_ = std::move(*page);
  state_ = state::sms_code;
  return step_done{};
}

portal_result<step_done> portal_session::submit_sms(const bridgelink::secret_bytes& code) {
  if (state_ != state::sms_code || !page_) return portal_errc::bad_state;
  if (code.empty() || code.size() > 12) return portal_errc::wrong_sms_code;
  const html_form form = *page_->form_with_field(profile_.sms_code_label);
  const form_button* button = nullptr;
  for (const auto& b : profile_.sms_submit_buttons)
    if ((button = button_by_text(form, b))) break;
  if (!button) return fail(portal_errc::unexpected_page);
  std::vector<form_value> values;
  values.push_back({field_by_label(form, profile_.sms_code_label)->name, code});
  state_ = state::ended;
  auto page = submit(form, button, std::move(values));
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) {
    if (*e == portal_errc::wrong_sms_code && page->form_with_field(profile_.sms_code_label)) {
      page_ = std::move(*page);
      state_ = state::sms_code;  // the person may type it again (their decision, not ours)
    }
    return fail(*e);
  }
  if (!page->link(profile_.pin_puk_button) && !page->form_with_button(profile_.pin_puk_button))
    return fail(portal_errc::unexpected_page);
  page_ = std::move(*page);
  state_ = state::menu;
  return step_done{};
}

portal_result<pin_puk_info> portal_session::pin_puk() {
  if ((state_ != state::menu && state_ != state::pin_puk_shown && state_ != state::deleted) || !page_)
    return portal_errc::bad_state;
  auto page = click(*page_, profile_.pin_puk_button);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) return fail(*e);
  const auto* serial = page->row(profile_.serial_row);
  const auto* pin = page->row(profile_.pin_row);
  if (!serial || !pin) {
    if (any_marker(*page, profile_.deleted_markers)) {
      page_ = std::move(*page);
      state_ = state::menu;
      return portal_errc::passwords_deleted;
    }
    return fail(portal_errc::unexpected_page);
  }
  pin_puk_info info;
  info.card_serial = text_view(serial->value);
  info.pin = pin->value;
  if (const auto* puk = page->row(profile_.puk_row)) info.puk = puk->value;
  page_ = std::move(*page);
  state_ = state::pin_puk_shown;
  return info;
}

portal_result<step_done> portal_session::delete_passwords(bool person_confirmed) {
  if (!person_confirmed) return portal_errc::not_confirmed;
  if (state_ != state::pin_puk_shown || !page_) return portal_errc::bad_state;
  state_ = state::ended;
  auto page = click(*page_, profile_.delete_button);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) return fail(*e);
  if (!any_marker(*page, profile_.deleted_markers)) {
    // A confirmation screen first: one click on its confirm button, once.
    page = click_any(*page, profile_.delete_confirm_buttons);
    if (!page) return fail(page.error());
    if (auto e = error_on(*page)) return fail(*e);
    if (!any_marker(*page, profile_.deleted_markers)) return fail(portal_errc::unexpected_page);
  }
  page_ = std::move(*page);
  state_ = state::deleted;
  return step_done{};
}

void portal_session::logout() {
  if (page_) (void)click_any(*page_, profile_.logout_buttons);
  page_.reset();
  state_ = state::ended;
}

}  // namespace eimza::portal
