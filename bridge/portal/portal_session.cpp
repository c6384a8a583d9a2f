#include "portal/portal_session.hpp"

#include <regex>

#include "identity/kimlik_no.hpp"
#include "portal/charset.hpp"
#include "portal/form_submission.hpp"
#include "portal/image_check.hpp"
#include "portal/page_lookup.hpp"
#include "portal/text_match.hpp"

namespace eimza::portal {
namespace {

constexpr int max_refreshes = 3;

std::string text_view(const bridgelink::secret_bytes& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}

bool all_of_class(std::string_view v, bool (*ok)(char)) {
  for (char c : v)
    if (!ok(c)) return false;
  return true;
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool hex_digit(char c) {
  return digit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

// What a value looks like, never what it is: "7 characters, not all digits".
std::string shape(std::string_view v) {
  return std::to_string(v.size()) + " characters, " +
         (all_of_class(v, digit) ? "all digits" : "not all digits");
}

}  // namespace

template <class T, class F>
portal_result<T> portal_session::guarded(F&& f) {
  try {
    return f();
  } catch (const std::exception&) {  // a fault of ours (regex engine, allocation): end cleanly
    problem_ = "internal error";
    return fail(portal_errc::internal);
  }
}

portal_errc portal_session::fail(portal_errc e) {
  if (e == portal_errc::account_blocked)
    state_ = state::blocked;
  else if (e != portal_errc::wrong_captcha && e != portal_errc::wrong_credentials &&
           e != portal_errc::wrong_sms_code && e != portal_errc::bad_kimlik_no &&
           e != portal_errc::not_confirmed && e != portal_errc::bad_state)
    state_ = state::ended;  // transport errors, expiry, unknown pages: start again from open()
  return e;
}

portal_errc portal_session::unexpected(std::string why) {
  problem_ = std::move(why);
  return fail(portal_errc::unexpected_page);
}

portal_result<html_page> portal_session::fetch(http_request req) {
  for (int hop = 0;; ++hop) {
    auto r = http_.send(req);
    if (!r) return r.error();
    if (r->status >= 500) return portal_errc::server_error;
    if (r->status != 200) return portal_errc::http_status;
    url_ = r->final_url.empty() ? req.url : r->final_url;
    const auto charset = page_charset(r->content_type, r->body.view());
    const auto utf8 = to_utf8(r->body.view(), charset);
    auto page = parse_html(std::string_view(reinterpret_cast<const char*>(utf8.data()), utf8.size()));
    page.charset = charset;
    if (on_page) on_page(url_, page);
    // <meta http-equiv=refresh> (e.g. after a POST): followed as a browser would, a few times.
    if (!page.refresh_url || hop == max_refreshes) return page;
    req = {"GET", resolve_url(url_, *page.refresh_url), {}, {}};
  }
}

portal_result<html_page> portal_session::get(const std::string& url) {
  return fetch({"GET", url, {}, {}});
}

portal_result<html_page> portal_session::submit(const html_form& form, const form_control* submitter,
                                                std::vector<form_value> values,
                                                const std::optional<postback>& pb) {
  auto s = build_submission(form, submitter, std::move(values), url_, page_ ? page_->charset : "utf-8", pb);
  if (s.method == "post") return fetch({"POST", s.url, std::move(s.fields), {}});
  return get(s.url);
}

portal_result<html_page> portal_session::click_any(const html_page& page, const texts& names) {
  const auto target = find_clickable(page, names);
  if (!target)
    return unexpected("no link or button named like " + (names.empty() ? std::string() : names.front()));
  if (target->link) {
    if (target->link->on_click) {  // ASP.NET: the postback fills the page's form and submits it
      const html_form* f = postback_form(page, target->link);
      if (!f) return unexpected("a __doPostBack link without a form");
      return submit(*f, nullptr, {}, target->link->on_click);
    }
    return get(resolve_url(url_, target->link->href));
  }
  if (target->button->on_click) return submit(*target->form, nullptr, {}, target->button->on_click);
  if (target->button->type == "button") return unexpected("a script button without a postback");
  return submit(*target->form, target->button, {});
}

std::optional<portal_errc> portal_session::error_on(const html_page& page) const {
  const std::pair<const texts*, portal_errc> kinds[] = {
      {&profile_.errors.blocked, portal_errc::account_blocked},
      {&profile_.errors.session_expired, portal_errc::session_expired},
      {&profile_.errors.wrong_captcha, portal_errc::wrong_captcha},
      {&profile_.errors.wrong_credentials, portal_errc::wrong_credentials},
      {&profile_.errors.sms_expired, portal_errc::sms_expired},
      {&profile_.errors.wrong_sms, portal_errc::wrong_sms_code}};
  // Messages first (alerts, error boxes): guidance text elsewhere on the page is not an error.
  for (const auto& [markers, e] : kinds)
    for (const auto& msg : page.messages)
      for (const auto& m : *markers)
        if (contains_text(msg, m)) return e;
  for (const auto& [markers, e] : kinds)
    for (const auto& m : *markers)
      if (contains_text(page.text, m)) return e;
  return std::nullopt;
}

portal_result<login_screen> portal_session::take_login_form(const html_page& page) {
  const html_form* form = form_with_any_field(page, profile_.login.kimlik_no);
  if (!form) return unexpected("no form with a field labelled like the Kimlik No");
  if (!any_field(*form, profile_.login.captcha)) return unexpected("no captcha field in the login form");
  if (!any_field(*form, profile_.login.security_word))
    return unexpected("no security word field in the login form");
  const int form_index = static_cast<int>(form - page.forms.data());
  if (!find_submitter(page, static_cast<std::size_t>(form_index), profile_.login.submit))
    return unexpected("no login button in the login form");
  bool found = false;
  for (const html_image* img :
       captcha_candidates(page, form_index, profile_.login.captcha_image, profile_.login.captcha)) {
    bridgelink::bytes data;
    std::string declared;
    if (img->src.rfind("data:", 0) == 0) {
      auto d = decode_data_uri(img->src);
      if (!d) continue;
      data = std::move(*d);
    } else {
      auto r = http_.send({"GET", resolve_url(url_, img->src), {}, {}});
      if (!r) return fail(r.error());
      if (r->status != 200) continue;
      declared = r->content_type;
      data.assign(r->body.view().begin(), r->body.view().end());
    }
    const auto facts = sniff_image(data);
    // Not an image, or too small to hold text (an info icon): never shown to the person.
    if (!facts || !plausible_captcha(*facts)) continue;
    if (!declared.empty() && declared.rfind("image/", 0) != 0) continue;
    login_.captcha_image = std::move(data);
    login_.captcha_mime = facts->mime;
    found = true;
    break;
  }
  if (!found) return unexpected("no image on the login page is a plausible captcha");
  login_.last_try = login_.attempts_left == 1;
  page_ = page;
  state_ = state::login_form;
  return login_;
}

portal_result<login_screen> portal_session::open() {
  return guarded<login_screen>([&] { return open_impl(); });
}

portal_result<login_screen> portal_session::open_impl() {
  login_ = {};
  problem_.clear();
  auto page = get(profile_.entry_url);
  if (!page) return fail(page.error());
  for (const auto& step : profile_.navigate) {
    if (form_with_any_field(*page, profile_.login.kimlik_no)) break;  // already there
    page_ = std::move(*page);
    page = click_any(*page_, {step});
    if (!page) return fail(page.error());
  }
  if (auto e = error_on(*page)) return fail(*e);
  auto screen = take_login_form(*page);
  if (!screen) return fail(screen.error());
  return screen;
}

portal_result<phone_screen> portal_session::login(std::string_view kimlik_no,
                                                  const bridgelink::secret_bytes& captcha,
                                                  const bridgelink::secret_bytes& security_word) {
  return guarded<phone_screen>([&] { return login_impl(kimlik_no, captcha, security_word); });
}

portal_result<phone_screen> portal_session::login_impl(std::string_view kimlik_no,
                                                       const bridgelink::secret_bytes& captcha,
                                                       const bridgelink::secret_bytes& security_word) {
  if (state_ != state::login_form || !page_) return portal_errc::bad_state;
  const auto parsed = identity::parse_kimlik_no(kimlik_no);
  if (!parsed.value) return portal_errc::bad_kimlik_no;  // nothing sent: no try spent
  if (captcha.empty() || security_word.empty()) return portal_errc::bad_state;
  const html_form* login_form = form_with_any_field(*page_, profile_.login.kimlik_no);
  const auto submitter = find_submitter(*page_, static_cast<std::size_t>(login_form - page_->forms.data()),
                                        profile_.login.submit);
  if (!submitter) return portal_errc::bad_state;
  const html_form form = *login_form;
  std::vector<form_value> values;
  values.push_back({any_field(form, profile_.login.kimlik_no)->name,
                    bridgelink::secret_bytes(bridgelink::as_bytes(parsed.value->value))});
  values.push_back({any_field(form, profile_.login.captcha)->name, captcha});
  values.push_back({any_field(form, profile_.login.security_word)->name, security_word});
  // Sent once. Whatever happens next, this submission is not repeated by us.
  state_ = state::ended;
  auto page = submit(form, submitter->button, std::move(values), submitter->pb);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) {
    if (*e == portal_errc::wrong_credentials) {
      std::string said;
      for (const auto& m : page->messages) said += m + " ";
      auto left = find_number(said, profile_.errors.attempts_left);
      if (!left) left = find_number(page->text, profile_.errors.attempts_left);
      login_.attempts_left = left ? *left : std::max(0, login_.attempts_left - 1);
    }
    if (*e == portal_errc::wrong_captcha || *e == portal_errc::wrong_credentials) {
      auto again = take_login_form(*page);  // a fresh captcha for the next try
      if (!again) return fail(again.error());
    }
    return fail(*e);
  }
  if (!find_clickable(*page, profile_.phone.confirm))
    return unexpected("no phone confirmation button after login");
  phone_screen ps;
  if (auto shown = find_masked_phone(*page, profile_.phone.masked_phone)) ps.masked_phone = std::move(*shown);
  page_ = std::move(*page);
  state_ = state::phone_confirm;
  return ps;
}

portal_result<step_done> portal_session::confirm_phone() {
  return guarded<step_done>([&] { return confirm_phone_impl(); });
}

portal_result<step_done> portal_session::confirm_phone_impl() {
  if (state_ != state::phone_confirm || !page_) return portal_errc::bad_state;
  state_ = state::ended;
  auto page = click_any(*page_, profile_.phone.confirm);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) return fail(*e);
  // Some portal versions send at once; others show a "Gönder" step first.
  if (!form_with_any_field(*page, profile_.sms.code)) {
    page_ = std::move(*page);
    page = click_any(*page_, profile_.phone.send);
    if (!page) return fail(page.error());
    if (auto e = error_on(*page)) return fail(*e);
  }
  if (!form_with_any_field(*page, profile_.sms.code)) return unexpected("no SMS code field");
  page_ = std::move(*page);
  state_ = state::sms_code;
  return step_done{};
}

portal_result<step_done> portal_session::submit_sms(const bridgelink::secret_bytes& code) {
  return guarded<step_done>([&] { return submit_sms_impl(code); });
}

portal_result<step_done> portal_session::submit_sms_impl(const bridgelink::secret_bytes& code) {
  if (state_ != state::sms_code || !page_) return portal_errc::bad_state;
  if (code.empty() || code.size() > 12) return portal_errc::wrong_sms_code;
  const html_form* sms_form = form_with_any_field(*page_, profile_.sms.code);
  const auto submitter =
      find_submitter(*page_, static_cast<std::size_t>(sms_form - page_->forms.data()), profile_.sms.submit);
  if (!submitter) return unexpected("no SMS submit button");
  const html_form form = *sms_form;
  std::vector<form_value> values;
  values.push_back({any_field(form, profile_.sms.code)->name, code});
  state_ = state::ended;
  auto page = submit(form, submitter->button, std::move(values), submitter->pb);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) {
    if (*e == portal_errc::wrong_sms_code && form_with_any_field(*page, profile_.sms.code)) {
      page_ = std::move(*page);
      state_ = state::sms_code;  // the person may type it again (their decision, not ours)
    }
    return fail(*e);
  }
  if (!find_clickable(*page, profile_.menu.pin_puk))
    return unexpected("no PIN/PUK menu entry after the SMS code");
  page_ = std::move(*page);
  state_ = state::menu;
  return step_done{};
}

portal_result<pin_puk_info> portal_session::pin_puk() {
  return guarded<pin_puk_info>([&] { return pin_puk_impl(); });
}

portal_result<pin_puk_info> portal_session::pin_puk_impl() {
  if ((state_ != state::menu && state_ != state::pin_puk_shown && state_ != state::deleted) || !page_)
    return portal_errc::bad_state;
  auto page = click_any(*page_, profile_.menu.pin_puk);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) return fail(*e);
  const auto serials = any_rows(*page, profile_.pin_puk.serial);
  const auto pins = any_rows(*page, profile_.pin_puk.pin);
  if (serials.empty() || pins.empty()) {
    if (any_marker(*page, profile_.pin_puk.deleted)) {
      page_ = std::move(*page);
      state_ = state::menu;
      return portal_errc::passwords_deleted;
    }
    return unexpected(serials.empty() ? "no card serial on the PIN/PUK page" : "no PIN on the PIN/PUK page");
  }
  // Checked before trusted: a wrong "PIN" would cost one of the card's three tries.
  pin_puk_info info;
  std::string seen;
  for (const auto* s : serials) {
    std::string v = text_view(s->value);
    v.erase(std::remove(v.begin(), v.end(), ' '), v.end());
    if (v.size() >= 8 && v.size() <= 32 && all_of_class(v, hex_digit)) {
      for (auto& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      info.card_serial = v;
      break;
    }
    seen += "serial: " + shape(v) + "; ";
  }
  for (const auto* p : pins) {
    const std::string_view v(reinterpret_cast<const char*>(p->value.data()), p->value.size());
    if (v.size() >= 4 && v.size() <= 16 && all_of_class(v, digit)) {
      info.pin = p->value;
      break;
    }
    seen += "PIN: " + shape(v) + "; ";
  }
  if (info.card_serial.empty() || info.pin.empty())
    return unexpected("values do not look right (" + seen + ")");
  for (const auto* p : any_rows(*page, profile_.pin_puk.puk)) {
    const std::string_view v(reinterpret_cast<const char*>(p->value.data()), p->value.size());
    if (v.size() >= 4 && v.size() <= 16 && all_of_class(v, digit)) {
      info.puk = p->value;
      break;
    }
  }
  page_ = std::move(*page);
  state_ = state::pin_puk_shown;
  return info;
}

portal_result<step_done> portal_session::delete_passwords(bool person_confirmed) {
  if (!person_confirmed) return portal_errc::not_confirmed;
  return guarded<step_done>([&] { return delete_passwords_impl(); });
}

portal_result<step_done> portal_session::delete_passwords_impl() {
  if (state_ != state::pin_puk_shown || !page_) return portal_errc::bad_state;
  state_ = state::ended;
  auto page = click_any(*page_, profile_.pin_puk.delete_);
  if (!page) return fail(page.error());
  if (auto e = error_on(*page)) return fail(*e);
  if (!any_marker(*page, profile_.pin_puk.deleted)) {
    // A confirmation screen first: one click on its confirm button, once.
    page_ = std::move(*page);
    page = click_any(*page_, profile_.pin_puk.delete_confirm);
    if (!page) return fail(page.error());
    if (auto e = error_on(*page)) return fail(*e);
    if (!any_marker(*page, profile_.pin_puk.deleted))
      return unexpected("no confirmation that the passwords were deleted");
  }
  page_ = std::move(*page);
  state_ = state::deleted;
  return step_done{};
}

void portal_session::logout() {
  try {
    if (page_) (void)click_any(*page_, profile_.menu.logout);
  } catch (const std::exception&) {  // logging out is best effort
  }
  page_.reset();
  state_ = state::ended;
}

}  // namespace eimza::portal
