// libFuzzer: the portal page model (charset detection and decoding, gumbo + our walker) on arbitrary
// bytes, and everything the flow and `bridge portal-check` do on a page: label / button / key
// lookups, form submission for every submitter, postback parsing, captcha choice, image sniffing,
// data: URIs, the profile check. No crash, no unbounded recursion or memory; no exception.
#include <string_view>

#include "portal/charset.hpp"
#include "portal/form_submission.hpp"
#include "portal/html_page.hpp"
#include "portal/image_check.hpp"
#include "portal/page_lookup.hpp"
#include "portal/profile_check.hpp"
#include "portal/text_match.hpp"

namespace {

const eimza::portal::portal_profile& profile() {
  static const eimza::portal::portal_profile p = [] {
    eimza::portal::portal_profile x;
    x.navigate = {"Şifreli Giriş"};
    x.login.kimlik_no = {"Kimlik No"};
    x.login.captcha = {"Resimdeki Yazı"};
    x.login.security_word = {"Güvenlik Sözcüğü"};
    x.login.submit = {"Giriş"};
    x.login.captcha_image = {"captcha"};
    x.phone.confirm = {"Onay"};
    x.phone.masked_phone = {"[0-9*]{3,4}[ *0-9]{5,12}[0-9]{2}"};
    x.sms.code = {"SMS Onay Kodu"};
    x.sms.submit = {"Tamam"};
    x.menu.pin_puk = {"PIN/PUK Bilgisi"};
    x.pin_puk.serial = {"Kart Seri Numarası"};
    x.pin_puk.pin = {"PIN"};
    x.pin_puk.puk = {"PUK"};
    x.pin_puk.delete_ = {"Parolalarımı Sil"};
    x.errors.blocked = {"bloke edilmiştir"};
    x.errors.attempts_left = {"kalan deneme hakkınız[^0-9]*([0-9]+)|([0-9]+) hak"};
    return x;
  }();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace p = eimza::portal;
  const bridgelink::byte_view bytes(data, size);
  const auto cs =
      p::page_charset(size > 0 && data[0] & 1 ? "text/html; charset=windows-1254" : "text/html", bytes);
  const auto utf8 = p::to_utf8(bytes, cs);
  const std::string_view in(reinterpret_cast<const char*>(utf8.data()), utf8.size());
  const auto page = p::parse_html(in);
  (void)page.form_with_field("Kimlik No");
  (void)page.link("PIN/PUK Bilgisi");
  (void)page.rows("PIN");
  (void)p::contains_text(page.text, "bloke");
  (void)p::normalize_text(in.substr(0, 4096));
  (void)p::find_number(in.substr(0, 4096), profile().errors.attempts_left);
  for (std::size_t f = 0; f < page.forms.size() && f < 8; ++f) {
    (void)p::find_submitter(page, f, {"Giriş"});
    for (const auto& c : page.forms[f].controls)
      if (c.is_button()) (void)p::build_submission(page.forms[f], &c, {}, "https://h/a/b", cs, c.on_click);
  }
  for (const auto& l : page.links)
    if (l.on_click) (void)p::postback_form(page, &l);
  for (const auto* img : p::captcha_candidates(page, 0, {"captcha"}, {"Resimdeki Yazı"}))
    if (auto d = p::decode_data_uri(img->src)) (void)p::sniff_image(*d);
  (void)p::sniff_image(bytes);
  (void)p::find_postback(in.substr(0, 4096));
  (void)p::render(p::check_page(page, profile()), 1, "fuzz");
  (void)p::from_utf8(bridgelink::byte_view(utf8.data(), std::min<std::size_t>(utf8.size(), 4096)),
                     "windows-1254");
  return 0;
}
