#include "portal/markup.hpp"

#include <iconv.h>
#include <utf8proc.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace eimza::sim {
namespace {

markup make_kamusm() {
  markup t;
  t.entry_title = "Online İşlemler";
  t.entry_link = "Nitelikli Elektronik Sertifika İşlemleri";
  t.choose_title = "Kullanıcı Doğrulama Ekranı";
  t.login_link = "Şifreli Giriş";
  t.other_login_1 = "E-İmzalı Giriş";
  t.other_login_2 = "E-İmzalı Giriş (Akıllı Kart Servisi)";
  t.login_title = "Şifreli Giriş Ekranı";
  t.kimlik_label = "Kimlik No";
  t.captcha_label = "Resimdeki Yazı";
  t.word_label = "Güvenlik Sözcüğü";
  t.login_button = "Giriş";
  t.forgot_button = "Güvenlik Sözcüğümü Unuttum";
  t.wrong_captcha = "Resimdeki yazıyı yanlış girdiniz. Lütfen yeni resimdeki yazıyı giriniz.";
  t.wrong_word =
      "Yanlış girilen güvenlik sözcüğü nedeniyle kimlik doğrulama işlemi başarısız olmuştur. Kalan deneme "
      "hakkınız: ";
  t.blocked = "Hesabınız bloke edilmiştir. Lütfen 444 5 576 numaralı çağrı merkezini arayınız.";
  t.phone_title = "SMS Onay Ekranı";
  t.phone_intro = "Sistemde kayıtlı cep telefonu numaranız:";
  t.confirm_button = "Onay";
  t.send_intro = "Onay kodu bu numaraya SMS ile gönderilecektir.";
  t.send_button = "Gönder";
  t.sms_label = "SMS Onay Kodu";
  t.sms_button = "Tamam";
  t.wrong_sms = "SMS onay kodu hatalı. Lütfen tekrar deneyiniz.";
  t.sms_expired = "SMS onay kodunun süresi dolmuştur. Yeni kod gönderiniz.";
  t.too_many_sms = "Çok fazla hatalı deneme yapıldı. Lütfen tekrar giriş yapınız.";
  t.menu_title = "Bireysel Nitelikli Elektronik Sertifika İşlemleri";
  t.pin_puk_button = "PIN/PUK Bilgisi";
  t.unlock_button = "Kilit Çözme";
  t.logout_button = "Çıkış";
  t.table_key = "Açıklama";
  t.table_value = "Değer";
  t.serial_row = "Kart Seri Numarası";
  t.pin_row = "PIN";
  t.puk_row = "PUK";
  t.save_link = "Parolalarımı Kaydet";
  t.delete_link = "Parolalarımı Sil";
  t.no_passwords = "Parola bilgisi bulunmamaktadır.";
  t.delete_question = "Parolalarınız kalıcı olarak silinecektir. Onaylıyor musunuz?";
  t.delete_yes = "Evet";
  t.delete_no = "Vazgeç";
  t.deleted = "Parolalarınız silinmiştir.";
  t.expired = "Oturumunuzun süresi dolmuştur. Lütfen tekrar giriş yapınız.";
  t.logged_out = "Güvenli çıkış yapıldı.";
  t.bad_request = "Geçersiz istek.";
  t.guidance = "Güvenlik sözcüğünüzü 3 kez hatalı girerseniz hesabınız bloke olur.";
  return t;
}

markup make_alt() {
  markup t;
  t.entry_title = "e-Hizmetler";
  t.entry_link = "E-İmza Sertifika İşlemleri";
  t.choose_title = "Giriş Yöntemi";
  t.login_link = "Parola ile Giriş";
  t.other_login_1 = "Kart ile Giriş";
  t.other_login_2 = "Mobil İmza ile Giriş";
  t.login_title = "Parola ile Giriş";
  t.kimlik_label = "T.C. Kimlik No / Pasaport No";
  t.captcha_label = "Güvenlik Kodu";
  t.word_label = "Parola Sözcüğü";
  t.login_button = "Oturum Aç";
  t.forgot_button = "Parolamı Unuttum";
  t.wrong_captcha = "Güvenlik kodu geçersiz.";
  t.wrong_word = "Giriş bilgileri hatalı. Kalan hak: ";
  t.blocked = "Hesap askıya alındı.";
  t.phone_title = "Telefon Doğrulama";
  t.phone_intro = "Kayıtlı numara:";
  t.confirm_button = "Doğrula";
  t.send_intro = "";
  t.send_button = "Kodu Gönder";
  t.sms_label = "Doğrulama Kodu";
  t.sms_button = "Devam";
  t.wrong_sms = "Doğrulama kodu yanlış.";
  t.sms_expired = "Kodun geçerlilik süresi bitti.";
  t.too_many_sms = "Oturum zaman aşımına uğradı.";
  t.menu_title = "Sertifika İşlemlerim";
  t.pin_puk_button = "Şifre Bilgilerim";
  t.unlock_button = "Bloke Kaldır";
  t.logout_button = "Oturumu Kapat";
  t.table_key = "Alan";
  t.table_value = "Bilgi";
  t.serial_row = "Seri No";
  t.pin_row = "Kart PIN";
  t.puk_row = "Kart PUK";
  t.save_link = "Şifrelerimi İndir";
  t.delete_link = "Şifrelerimi Kaldır";
  t.no_passwords = "Kayıtlı şifre yok.";
  t.delete_question = "Şifreler kaldırılsın mı?";
  t.delete_yes = "Onaylıyorum";
  t.delete_no = "İptal";
  t.deleted = "Şifreleriniz kaldırıldı.";
  t.expired = "Oturum zaman aşımına uğradı.";
  t.logged_out = "Oturum kapatıldı.";
  t.bad_request = "İstek reddedildi.";
  t.guidance = "Üç hatalı girişte hesap askıya alınır.";
  t.labels = "wrap";
  t.buttons = "input_submit";
  t.send_step = false;
  return t;
}

using text_field = std::string markup::*;
using flag_field = bool markup::*;

const std::pair<const char*, text_field> text_fields[] = {{"entry_title", &markup::entry_title},
                                                          {"entry_link", &markup::entry_link},
                                                          {"choose_title", &markup::choose_title},
                                                          {"login_link", &markup::login_link},
                                                          {"other_login_1", &markup::other_login_1},
                                                          {"other_login_2", &markup::other_login_2},
                                                          {"login_title", &markup::login_title},
                                                          {"kimlik_label", &markup::kimlik_label},
                                                          {"captcha_label", &markup::captcha_label},
                                                          {"word_label", &markup::word_label},
                                                          {"login_button", &markup::login_button},
                                                          {"forgot_button", &markup::forgot_button},
                                                          {"wrong_captcha", &markup::wrong_captcha},
                                                          {"wrong_word", &markup::wrong_word},
                                                          {"blocked", &markup::blocked},
                                                          {"guidance", &markup::guidance},
                                                          {"phone_title", &markup::phone_title},
                                                          {"phone_intro", &markup::phone_intro},
                                                          {"confirm_button", &markup::confirm_button},
                                                          {"send_intro", &markup::send_intro},
                                                          {"send_button", &markup::send_button},
                                                          {"sms_label", &markup::sms_label},
                                                          {"sms_button", &markup::sms_button},
                                                          {"wrong_sms", &markup::wrong_sms},
                                                          {"sms_expired", &markup::sms_expired},
                                                          {"too_many_sms", &markup::too_many_sms},
                                                          {"menu_title", &markup::menu_title},
                                                          {"pin_puk_button", &markup::pin_puk_button},
                                                          {"unlock_button", &markup::unlock_button},
                                                          {"logout_button", &markup::logout_button},
                                                          {"table_key", &markup::table_key},
                                                          {"table_value", &markup::table_value},
                                                          {"serial_row", &markup::serial_row},
                                                          {"pin_row", &markup::pin_row},
                                                          {"puk_row", &markup::puk_row},
                                                          {"save_link", &markup::save_link},
                                                          {"delete_link", &markup::delete_link},
                                                          {"no_passwords", &markup::no_passwords},
                                                          {"delete_question", &markup::delete_question},
                                                          {"delete_yes", &markup::delete_yes},
                                                          {"delete_no", &markup::delete_no},
                                                          {"deleted", &markup::deleted},
                                                          {"expired", &markup::expired},
                                                          {"logged_out", &markup::logged_out},
                                                          {"bad_request", &markup::bad_request}};
const std::pair<const char*, text_field> style_fields[] = {
    {"labels", &markup::labels},        {"buttons", &markup::buttons},   {"captcha", &markup::captcha},
    {"values", &markup::values},        {"messages", &markup::messages}, {"charset", &markup::charset},
    {"charset_in", &markup::charset_in}};
const std::pair<const char*, flag_field> flag_fields[] = {
    {"send_step", &markup::send_step},
    {"info_icon", &markup::info_icon},
    {"nbsp_values", &markup::nbsp_values},
    {"refresh_after_post", &markup::refresh_after_post},
    {"upper_case_messages", &markup::upper_case_messages},
    {"extra_controls", &markup::extra_controls},
    {"nfd", &markup::nfd}};

const std::set<std::string>& allowed(const std::string& style) {
  static const std::map<std::string, std::set<std::string>> values{
      {"labels", {"for", "wrap", "aria_labelledby", "table_cell", "text_before"}},
      {"buttons", {"button", "input_submit", "input_image", "postback"}},
      {"captcha", {"in_form", "outside_form", "data_uri", "css_background"}},
      {"values", {"two_cell", "wide_row", "header_row", "dl", "readonly"}},
      {"messages", {"div", "script_alert"}},
      {"charset", {"utf-8", "windows-1254", "iso-8859-9"}},
      {"charset_in", {"header", "meta"}}};
  return values.at(style);
}

std::string iconv_to(const char* to, const char* from, const std::string& in) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return in;
  std::string out(in.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
      if (dst_left == 0) break;
      *dst++ = '?';  // not representable: the simulator's own pages never need this
      --dst_left;
      ++src;
      --src_left;
    }
  }
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

std::string map_codepoints(std::string_view s, utf8proc_option_t options) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &out, options);
  if (n < 0) return std::string(s);
  std::string r(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return r;
}

}  // namespace

std::shared_ptr<const markup> load_markup(const std::string& name) {
  if (name == "kamusm") return std::make_shared<markup>(make_kamusm());
  if (name == "alt") return std::make_shared<markup>(make_alt());
  std::ifstream in(name);
  if (!in) throw std::runtime_error("unknown markup '" + name + "' (kamusm, alt or a markup JSON file)");
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(ss.str(), ec);
  if (ec || !doc.is_object()) throw std::runtime_error("markup file is not a JSON object: " + name);
  const auto& o = doc.as_object();
  auto m = std::make_shared<markup>(o.contains("base") && o.at("base") == "alt" ? make_alt() : make_kamusm());
  auto each = [&](const char* section, auto&& apply) {
    if (!o.contains(section)) return;
    if (!o.at(section).is_object())
      throw std::runtime_error(std::string("markup: \"") + section + "\" must be an object");
    for (const auto& kv : o.at(section).as_object()) apply(std::string(kv.key()), kv.value());
  };
  each("texts", [&](const std::string& k, const boost::json::value& v) {
    for (const auto& [n, f] : text_fields)
      if (k == n && v.is_string()) return void((*m).*f = std::string(v.as_string()));
    throw std::runtime_error("markup: unknown or bad text \"" + k + "\"");
  });
  each("style", [&](const std::string& k, const boost::json::value& v) {
    for (const auto& [n, f] : style_fields)
      if (k == n && v.is_string() && allowed(k).count(std::string(v.as_string())))
        return void((*m).*f = std::string(v.as_string()));
    for (const auto& [n, f] : flag_fields)
      if (k == n && v.is_bool()) return void((*m).*f = v.as_bool());
    throw std::runtime_error("markup: unknown or bad style \"" + k + "\"");
  });
  return m;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string as_written(const markup& m, std::string_view text) {
  return m.nfd ? map_codepoints(text, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE))
               : std::string(text);
}

std::string visible(const markup& m, std::string_view text) {
  return html_escape(as_written(m, text));
}

std::string message_text(const markup& m, std::string_view text) {
  if (!m.upper_case_messages) return std::string(text);
  // Turkish upper case: i → İ, ı → I, the rest by Unicode.
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    auto used = utf8proc_iterate(p, left, &c);
    if (used <= 0) break;
    c = c == 'i' ? 0x130 : c == 0x131 ? 'I' : utf8proc_toupper(c);
    utf8proc_uint8_t buf[4];
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(utf8proc_encode_char(c, buf)));
    p += used;
    left -= used;
  }
  return out;
}

std::string encode_body(const markup& m, const std::string& utf8) {
  return m.charset == "utf-8" ? utf8 : iconv_to("CP1254", "UTF-8", utf8);
}

std::string decode_value(const markup& m, const std::string& raw) {
  return m.charset == "utf-8" ? raw : iconv_to("UTF-8", "CP1254", raw);
}

}  // namespace eimza::sim
