#include "portal/portal_app.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "bridgelink/bytes.hpp"
#include "bridgelink/secret.hpp"
#include "portal/captcha_png.hpp"

namespace eimza::sim {

// Everything a person reads, per markup. The "alt" markup words every screen differently.
struct portal_app::texts {
  std::string entry_title, entry_link, choose_title, login_link, other_login_1, other_login_2;
  std::string login_title, kimlik_label, captcha_label, word_label, login_button, forgot_button;
  std::string wrong_captcha, wrong_word, blocked;
  std::string phone_title, phone_intro, confirm_button, send_intro, send_button;
  std::string sms_label, sms_button, wrong_sms, sms_expired, too_many_sms;
  std::string menu_title, pin_puk_button, unlock_button, logout_button;
  std::string table_key, table_value, serial_row, pin_row, puk_row, save_link, delete_link, no_passwords;
  std::string delete_question, delete_yes, delete_no, deleted, expired, logged_out, bad_request;
  bool wrapping_labels = false, input_submits = false, send_step = true;
};

namespace {

const portal_app::texts* texts_for(const std::string& markup);

std::string esc(std::string_view s) {
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

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') out.push_back(' ');
    else if (s[i] == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
      i += 2;
    } else out.push_back(s[i]);
  }
  return out;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
  std::map<std::string, std::string> out;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos) out[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return out;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    const auto end = header.find(';', pos);
    const auto item = header.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (item.substr(0, name.size() + 1) == std::string(name) + "=") return std::string(item.substr(name.size() + 1));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return {};
}

std::string mask_phone(const std::string& phone) {
  // "05321234542" -> "05** *** ** 42"
  if (phone.size() < 4) return "****";
  return phone.substr(0, 2) + "** *** ** " + phone.substr(phone.size() - 2);
}

}  // namespace

std::vector<portal_account> load_accounts(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open accounts file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  auto doc = boost::json::parse(ss.str(), ec);
  if (ec || !doc.is_array()) throw std::runtime_error("accounts file must be a JSON array: " + path);
  std::vector<portal_account> out;
  for (const auto& v : doc.as_array()) {
    const auto& o = v.as_object();
    auto s = [&](const char* k, bool required = true) -> std::string {
      auto it = o.find(k);
      if (it == o.end() || !it->value().is_string()) {
        if (required) throw std::runtime_error(std::string("account needs \"") + k + "\"");
        return {};
      }
      return std::string(it->value().as_string());
    };
    out.push_back({s("tckn"), s("security_word"), s("phone"), s("card_serial"), s("pin"), s("puk", false)});
  }
  return out;
}

portal_app::portal_app(std::vector<portal_account> accounts, portal_options opts, bridgelink::random_source& rng,
                       clock_fn clock)
    : accounts_(std::move(accounts)), opts_(std::move(opts)), rng_(rng), clock_(std::move(clock)),
      t_(texts_for(opts_.markup)) {
  if (!t_) throw std::runtime_error("unknown markup '" + opts_.markup + "' (kamusm or alt)");
  for (const char* logical : {"token", "kimlik", "captcha", "word", "action", "sms", "menu", "field_id"})
    names_[logical] = random_id(6);
}

std::string portal_app::random_id(std::size_t n) {
  static constexpr char alphabet[] = "abcdefghijkmnpqrstuvwxyz";
  std::string s;
  std::vector<std::uint8_t> b(n);
  rng_.fill(b);
  for (auto x : b) s.push_back(alphabet[x % (sizeof alphabet - 1)]);
  return "f" + s;
}

http_reply portal_app::page(const std::string& title, const std::string& content, session*) {
  http_reply r;
  r.body = "<!DOCTYPE html><html lang=\"tr\"><head><meta charset=\"utf-8\"><title>" + esc(title) +
           "</title></head><body><header><h1>Kamu SM</h1><nav><span>Online İşlemler</span></nav></header><main><h2>" +
           esc(title) + "</h2>" + content + "</main><footer>444 5 576</footer></body></html>";
  return r;
}

std::string portal_app::form_open(session& s, const std::string& action) {
  return "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"" + names_["token"] +
         "\" value=\"" + s.token + "\">";
}

std::string portal_app::button(const std::string& name, const std::string& value, const std::string& text) {
  if (t_->input_submits)
    return "<input type=\"submit\" name=\"" + name + "\" value=\"" + esc(text) + "\">";
  return "<button type=\"submit\" name=\"" + name + "\" value=\"" + value + "\">" + esc(text) + "</button>";
}

http_reply portal_app::login_page(session& s, const std::string& error) {
  const auto field = [&](const std::string& label, const std::string& name, const std::string& type) {
    const std::string id = names_["field_id"] + name;
    if (t_->wrapping_labels)
      return "<p><label>" + esc(label) + " <input type=\"" + type + "\" name=\"" + name + "\" autocomplete=\"off\"></label></p>";
    return "<div class=\"row\"><label for=\"" + id + "\">" + esc(label) + "</label><input id=\"" + id + "\" type=\"" +
           type + "\" name=\"" + name + "\"></div>";
  };
  std::string c;
  if (!error.empty()) c += "<div class=\"hata\" role=\"alert\">" + esc(error) + "</div>";
  c += form_open(s, "/sg");
  c += field(t_->kimlik_label, names_["kimlik"], "text");
  c += "<div><img src=\"/img/c?" + random_id(4) + "\" alt=\"\"></div>";
  c += field(t_->captcha_label, names_["captcha"], "text");
  c += field(t_->word_label, names_["word"], "password");
  c += button(names_["action"], "g", t_->login_button) + button(names_["action"], "u", t_->forgot_button);
  c += "</form>";
  return page(t_->login_title, c);
}

http_reply portal_app::phone_page(session& s) {
  std::string c = "<p>" + esc(t_->phone_intro) + " <strong>" + esc(mask_phone(s.account->phone)) + "</strong></p>";
  c += form_open(s, "/so") + button(names_["action"], "o", t_->confirm_button) + "</form>";
  return page(t_->phone_title, c);
}

http_reply portal_app::send_page(session& s, const std::string& error) {
  std::string c;
  if (!error.empty()) c += "<div class=\"hata\" role=\"alert\">" + esc(error) + "</div>";
  c += "<p>" + esc(t_->send_intro) + "</p>" + form_open(s, "/ss") + button(names_["action"], "s", t_->send_button) + "</form>";
  return page(t_->phone_title, c);
}

void portal_app::send_sms(session& s) {
  std::uint8_t b[4];
  rng_.fill(b);
  const std::uint32_t n = (static_cast<std::uint32_t>(b[0]) << 24 | static_cast<std::uint32_t>(b[1]) << 16 |
                           static_cast<std::uint32_t>(b[2]) << 8 | b[3]) % 1000000;
  char code[8];
  std::snprintf(code, sizeof code, "%06u", n);
  s.sms = {code, clock_() + opts_.sms_ttl, opts_.sms_tries};
  s.at = stage::sms_code;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  outbox_.push_back({s.account->tckn, s.account->phone, code, now.count()});
  if (outbox_.size() > 100) outbox_.erase(outbox_.begin());
  if (on_sms) on_sms(outbox_.back());
}

http_reply portal_app::sms_page(session& s, const std::string& error) {
  std::string c;
  if (!error.empty()) c += "<div class=\"hata\" role=\"alert\">" + esc(error) + "</div>";
  const std::string id = names_["field_id"] + "s";
  c += form_open(s, "/sk");
  if (t_->wrapping_labels)
    c += "<p><label>" + esc(t_->sms_label) + " <input name=\"" + names_["sms"] + "\" inputmode=\"numeric\"></label></p>";
  else
    c += "<label for=\"" + id + "\">" + esc(t_->sms_label) + "</label><input id=\"" + id + "\" name=\"" + names_["sms"] +
         "\" inputmode=\"numeric\">";
  c += button(names_["action"], "t", t_->sms_button) + "</form>";
  return page(t_->phone_title, c);
}

http_reply portal_app::menu_page(session& s, const std::string& note) {
  std::string c;
  if (!note.empty()) c += "<p class=\"message\">" + esc(note) + "</p>";
  c += form_open(s, "/m") + button(names_["menu"], "p", t_->pin_puk_button) +
       button(names_["menu"], "k", t_->unlock_button) + button(names_["menu"], "x", t_->logout_button) + "</form>";
  return page(t_->menu_title, c);
}

http_reply portal_app::pin_puk_page(session& s) {
  const auto& a = *s.account;
  std::string c;
  if (a.passwords_deleted) {
    c += "<p class=\"message\">" + esc(t_->no_passwords) + "</p>";
  } else {
    c += "<table><tr><th>" + esc(t_->table_key) + "</th><th>" + esc(t_->table_value) + "</th></tr>";
    c += "<tr><td>" + esc(t_->serial_row) + "</td><td>" + esc(a.card_serial) + "</td></tr>";
    c += "<tr><td>" + esc(t_->pin_row) + "</td><td>" + esc(a.pin) + "</td></tr>";
    if (!a.puk.empty()) c += "<tr><td>" + esc(t_->puk_row) + "</td><td>" + esc(a.puk) + "</td></tr>";
    c += "</table>";
    c += form_open(s, "/pk") + button(names_["action"], "k", t_->save_link) + "</form>";
    c += form_open(s, "/ps") + button(names_["action"], "d", t_->delete_link) + "</form>";
  }
  c += form_open(s, "/m") + button(names_["menu"], "x", t_->logout_button) + "</form>";
  auto r = page(t_->menu_title, c);
  r.step = "pinpuk";
  return r;
}

http_reply portal_app::expired_page() {
  return page(t_->login_title, "<div class=\"hata\" role=\"alert\">" + esc(t_->expired) +
                                   "</div><p><a href=\"/\">" + esc(t_->entry_title) + "</a></p>");
}

http_reply portal_app::test_endpoint(const http_call& call) {
  http_reply r;
  r.content_type = "application/json";
  if (opts_.test_token.empty() ||
      !bridgelink::constant_time_equal(bridgelink::as_bytes(call.test_token), bridgelink::as_bytes(opts_.test_token))) {
    r.status = 403;
    r.body = R"({"error":"test token required"})";
    return r;
  }
  boost::json::object o;
  if (call.target == "/__test/sms") {
    boost::json::array a;
    for (const auto& m : outbox_) a.push_back({{"tckn", m.tckn}, {"phone", m.phone}, {"code", m.code}, {"sent_at", m.sent_at}});
    o["sms"] = std::move(a);
  } else if (call.target == "/__test/captcha") {
    o["captcha"] = last_captcha_;
  } else if (call.target == "/__test/stats") {
    boost::json::object posts;
    for (const auto& [k, v] : posts_) posts[k] = v;
    o["posts"] = std::move(posts);
  } else {
    r.status = 404;
  }
  r.body = boost::json::serialize(o);
  return r;
}

http_reply portal_app::handle(const http_call& call) {
  if (call.target.rfind("/__test/", 0) == 0) return test_endpoint(call);
  const auto now = clock_();
  // Forget idle sessions.
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = now - it->second.last_seen > opts_.session_ttl ? sessions_.erase(it) : std::next(it);
  std::string sid = cookie_value(call.cookie, "SGSID");
  session* s = nullptr;
  bool new_session = false;
  if (auto it = sessions_.find(sid); it != sessions_.end()) s = &it->second;
  http_reply r = route(call, s, sid, new_session);
  if (s) s->last_seen = now;
  if (new_session) r.set_cookie = "SGSID=" + sid + "; Path=/; Secure; HttpOnly; SameSite=Lax";
  if (!opts_.faults.expire_after_step.empty() && r.step == opts_.faults.expire_after_step && r.status == 200 && s)
    sessions_.erase(sid);
  if (r.step == opts_.faults.fail_step && !r.step.empty()) {
    r.status = 503;
    r.content_type = "text/html; charset=utf-8";
    r.body = "<html><body><h1>503 Hizmet verilemiyor</h1></body></html>";
  }
  if (r.step == opts_.faults.drop_step && !r.step.empty()) r.drop = true;
  r.delay += opts_.faults.latency;
  return r;
}

http_reply portal_app::route(const http_call& call, session*& s, std::string& sid_in, bool& new_session) {
  std::string path = call.target.substr(0, call.target.find('?'));
  const bool post = call.method == "POST";
  auto form = post ? parse_form(call.body) : std::map<std::string, std::string>{};
  auto r_with = [](http_reply r, const char* step) {
    r.step = step;
    return r;
  };

  if (!post && path == "/") {
    return r_with(page(t_->entry_title, "<ul><li><a href=\"/nes\">" + esc(t_->entry_link) + "</a></li></ul>"), "entry");
  }
  if (!post && path == "/nes") {
    return r_with(page(t_->choose_title, "<ul><li><a href=\"/sg\">" + esc(t_->login_link) + "</a></li><li><a href=\"/ei\">" +
                                             esc(t_->other_login_1) + "</a></li><li><a href=\"/eik\">" +
                                             esc(t_->other_login_2) + "</a></li></ul>"),
                  "nes");
  }
  if (!post && path == "/sg") {
    if (!s) {
      std::string sid = random_id(24);
      session fresh;
      fresh.token = random_id(16);
      fresh.last_seen = clock_();
      s = &sessions_.emplace(sid, std::move(fresh)).first->second;
      new_session = true;
      sid_in = sid;
    }
    s->at = stage::anonymous;
    s->account = nullptr;
    return r_with(login_page(*s, ""), "login_form");
  }
  if (!post && path == "/img/c") {
    if (!s) return r_with(expired_page(), "captcha");
    s->captcha = random_captcha_text(rng_);
    last_captcha_ = s->captcha;
    http_reply r;
    r.content_type = "image/png";
    auto png = render_captcha_png(s->captcha, rng_);
    r.body.assign(png.begin(), png.end());
    r.delay = opts_.faults.slow_captcha;
    r.step = "captcha";
    return r;
  }
  if (!post) {
    http_reply r = page("404", "<p>Sayfa bulunamadı.</p>");
    r.status = 404;
    return r;
  }

  // Every POST needs a live session and its hidden token.
  static const std::map<std::string, const char*> steps{{"/sg", "login"},   {"/so", "confirm"}, {"/ss", "send"},
                                                        {"/sk", "sms"},     {"/m", "menu"},     {"/pk", "save"},
                                                        {"/ps", "delete"},  {"/psy", "delete_confirm"}};
  const auto st = steps.find(path);
  if (st == steps.end()) {
    http_reply r = page("404", "<p>Sayfa bulunamadı.</p>");
    r.status = 404;
    return r;
  }
  ++posts_[st->second];
  if (!s) return r_with(expired_page(), st->second);
  if (form[names_["token"]] != s->token) {
    http_reply r = page(t_->login_title, "<div class=\"hata\" role=\"alert\">" + esc(t_->bad_request) + "</div>");
    r.status = 403;
    r.step = st->second;
    return r;
  }
  const std::string action = form[names_["action"]];

  if (path == "/sg") {
    if (action == "u" || (t_->input_submits && action == t_->forgot_button))
      return r_with(page(t_->login_title, "<p>444 5 576</p>"), "login");
    const auto kimlik = form[names_["kimlik"]];
    const auto captcha = form[names_["captcha"]];
    const auto word = form[names_["word"]];
    portal_account* acct = nullptr;
    for (auto& a : accounts_)
      if (a.tckn == kimlik) acct = &a;
    if (acct && acct->blocked) return r_with(login_page(*s, t_->blocked), "login");
    std::string expected = s->captcha;
    s->captcha.clear();  // single use
    if (expected.empty() || !bridgelink::constant_time_equal(bridgelink::as_bytes(captcha), bridgelink::as_bytes(expected)))
      return r_with(login_page(*s, t_->wrong_captcha), "login");
    if (!acct || !bridgelink::constant_time_equal(bridgelink::as_bytes(word), bridgelink::as_bytes(acct->security_word))) {
      if (acct && ++acct->failed_logins >= opts_.login_tries) {
        acct->blocked = true;
        return r_with(login_page(*s, t_->blocked), "login");
      }
      const int left = acct ? opts_.login_tries - acct->failed_logins : opts_.login_tries - 1;
      return r_with(login_page(*s, t_->wrong_word + std::to_string(left)), "login");
    }
    acct->failed_logins = 0;
    s->account = acct;
    s->at = stage::phone_confirm;
    return r_with(phone_page(*s), "login");
  }
  if (!s->account) return r_with(expired_page(), st->second);
  if (path == "/so" && s->at == stage::phone_confirm) {
    if (!t_->send_step) {
      send_sms(*s);
      return r_with(sms_page(*s, ""), "confirm");
    }
    s->at = stage::sms_send;
    return r_with(send_page(*s, ""), "confirm");
  }
  if (path == "/ss" && s->at == stage::sms_send) {
    send_sms(*s);
    return r_with(sms_page(*s, ""), "send");
  }
  if (path == "/sk" && s->at == stage::sms_code) {
    const auto code = form[names_["sms"]];
    if (clock_() > s->sms.expires) {
      s->at = t_->send_step ? stage::sms_send : stage::phone_confirm;
      return r_with(t_->send_step ? send_page(*s, t_->sms_expired) : phone_page(*s), "sms");
    }
    if (!bridgelink::constant_time_equal(bridgelink::as_bytes(code), bridgelink::as_bytes(s->sms.code))) {
      if (--s->sms.tries_left <= 0) {
        s->account = nullptr;
        s->at = stage::anonymous;
        return r_with(page(t_->login_title, "<div class=\"hata\" role=\"alert\">" + esc(t_->too_many_sms) + "</div>"), "sms");
      }
      return r_with(sms_page(*s, t_->wrong_sms), "sms");
    }
    s->at = stage::menu;
    return r_with(menu_page(*s, ""), "sms");
  }
  if (s->at != stage::menu) return r_with(expired_page(), st->second);
  if (path == "/m") {
    const auto choice = form[names_["menu"]];
    const auto is = [&](const char* v, const std::string& text) { return choice == v || choice == text; };
    if (is("p", t_->pin_puk_button)) return pin_puk_page(*s);
    if (is("x", t_->logout_button)) {
      sessions_.erase(sid_in);
      s = nullptr;
      return r_with(page(t_->entry_title, "<p class=\"message\">" + esc(t_->logged_out) + "</p>"), "logout");
    }
    return r_with(menu_page(*s, "444 5 576"), "menu");
  }
  if (path == "/pk") return r_with(menu_page(*s, "PDF"), "save");
  if (path == "/ps") {
    std::string c = "<p>" + esc(t_->delete_question) + "</p>" + form_open(*s, "/psy") +
                    button(names_["action"], "y", t_->delete_yes) + "</form>" + form_open(*s, "/m") +
                    button(names_["menu"], "p", t_->delete_no) + "</form>";
    return r_with(page(t_->menu_title, c), "delete");
  }
  if (path == "/psy") {
    s->account->passwords_deleted = true;
    return r_with(menu_page(*s, t_->deleted), "delete_confirm");
  }
  return r_with(expired_page(), st->second);
}

namespace {

portal_app::texts make_kamusm() {
  portal_app::texts t;
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
  t.wrong_word = "Yanlış girilen güvenlik sözcüğü nedeniyle kimlik doğrulama işlemi başarısız olmuştur. Kalan deneme hakkınız: ";
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
  return t;
}

portal_app::texts make_alt() {
  portal_app::texts t;
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
  t.wrapping_labels = true;
  t.input_submits = true;
  t.send_step = false;
  return t;
}

const portal_app::texts* texts_for(const std::string& markup) {
  static const portal_app::texts kamusm = make_kamusm();
  static const portal_app::texts alt = make_alt();
  if (markup == "kamusm") return &kamusm;
  if (markup == "alt") return &alt;
  return nullptr;
}

}  // namespace
}  // namespace eimza::sim
