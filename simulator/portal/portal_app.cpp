#include "portal/portal_app.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "bridgelink/bytes.hpp"
#include "bridgelink/secret.hpp"
#include "portal/captcha_png.hpp"

namespace eimza::sim {

namespace {

std::string esc(std::string_view s) {
  return html_escape(s);
}

// A 16×16 grey square: the info icon some markups put next to the captcha.
const bridgelink::bytes& info_icon_png() {
  static const bridgelink::bytes png = encode_png_gray(std::vector<std::uint8_t>(16 * 16, 0x80), 16, 16);
  return png;
}

std::string js_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '<') {
      out += "\\u003c";
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
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
    if (s[i] == '+')
      out.push_back(' ');
    else if (s[i] == '%' && i + 2 < s.size() && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
      i += 2;
    } else
      out.push_back(s[i]);
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
    if (item.substr(0, name.size() + 1) == std::string(name) + "=")
      return std::string(item.substr(name.size() + 1));
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

portal_app::portal_app(std::vector<portal_account> accounts, portal_options opts,
                       bridgelink::random_source& rng, clock_fn clock)
    : accounts_(std::move(accounts)),
      opts_(std::move(opts)),
      rng_(rng),
      clock_(std::move(clock)),
      t_(load_markup(opts_.markup)) {
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
  const std::string meta =
      t_->charset_in == "meta"
          ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + t_->charset + "\">"
          : "<meta charset=\"" + t_->charset + "\">";
  r.body = "<!DOCTYPE html><html lang=\"tr\"><head>" + meta + "<title>" + visible(*t_, title) +
           "</title></head><body><header><h1>Kamu SM</h1><nav><span>Online "
           "İşlemler</span></nav></header><main><h2>" +
           visible(*t_, title) + "</h2>" + content + "</main><footer>444 5 576</footer></body></html>";
  return r;
}

std::string portal_app::form_open(session& s, const std::string& action) {
  std::string f = "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"" +
                  names_["token"] + "\" value=\"" + s.token + "\">";
  if (t_->buttons == "postback")
    f += "<input type=\"hidden\" name=\"__EVENTTARGET\" value=\"\"><input type=\"hidden\" "
         "name=\"__EVENTARGUMENT\" value=\"\">";
  return f;
}

std::string portal_app::button(const std::string& name, const std::string& value, const std::string& text) {
  if (t_->buttons == "input_submit")
    return "<input type=\"submit\" name=\"" + name + "\" value=\"" + visible(*t_, text) + "\">";
  if (t_->buttons == "input_image")
    return "<input type=\"image\" name=\"" + name + "_" + value + "\" src=\"/img/b/" + value +
           ".png\" alt=\"" + visible(*t_, text) + "\">";
  if (t_->buttons == "postback")
    return "<a class=\"btn\" href=\"javascript:__doPostBack('" + name + "','" + value + "')\">" +
           visible(*t_, text) + "</a>";
  return "<button type=\"submit\" name=\"" + name + "\" value=\"" + value + "\">" + visible(*t_, text) +
         "</button>";
}

std::string portal_app::action_of(const std::map<std::string, std::string>& form,
                                  const std::string& name) const {
  if (auto it = form.find(name); it != form.end()) return it->second;
  if (auto it = form.find("__EVENTTARGET"); it != form.end() && it->second == name) {
    auto arg = form.find("__EVENTARGUMENT");
    return arg == form.end() ? std::string() : arg->second;
  }
  const std::string prefix = name + "_";
  for (const auto& [k, v] : form)  // an image button: name_value.x
    if (k.size() > prefix.size() + 2 && k.rfind(prefix, 0) == 0 && k.substr(k.size() - 2) == ".x")
      return k.substr(prefix.size(), k.size() - prefix.size() - 2);
  return {};
}

std::string portal_app::field(const std::string& label, const std::string& name, const std::string& type) {
  const std::string id = names_["field_id"] + name;
  const std::string input = "<input type=\"" + type + "\" name=\"" + name + "\" autocomplete=\"off\"";
  const std::string l = visible(*t_, label);
  if (t_->labels == "wrap") return "<p><label>" + l + " " + input + "></label></p>";
  if (t_->labels == "aria_labelledby") {
    // The label split over two elements, named together.
    const auto space = label.find(' ');
    const std::string a = visible(*t_, label.substr(0, space)),
                      b = space == std::string::npos ? std::string() : visible(*t_, label.substr(space + 1));
    return "<div class=\"row\"><span id=\"" + id + "a\">" + a + "</span> <span id=\"" + id + "b\">" + b +
           "</span>" + input + " aria-labelledby=\"" + id + "a " + id + "b\"></div>";
  }
  if (t_->labels == "table_cell")
    return "<table class=\"form\"><tr><td class=\"etiket\">" + l + "</td><td>" + input +
           "></td></tr></table>";
  if (t_->labels == "text_before") return "<div class=\"row\">" + l + ": " + input + "></div>";
  return "<div class=\"row\"><label for=\"" + id + "\">" + l + "</label>" + input + " id=\"" + id +
         "\"></div>";
}

std::string portal_app::message(const std::string& text, const char* cls) {
  if (text.empty()) return {};
  const auto m = message_text(*t_, text);
  if (t_->messages == "script_alert") return "<script>alert(" + js_string(m) + ");</script>";
  return std::string("<div class=\"") + cls + "\" role=\"alert\">" + visible(*t_, m) + "</div>";
}

std::string portal_app::captcha_markup(session& s) {
  if (t_->captcha == "data_uri") {
    // Drawn now: the answer is fixed when the page is.
    s.captcha = random_captcha_text(rng_);
    last_captcha_ = s.captcha;
    const auto png = render_captcha_png(s.captcha, rng_);
    static constexpr char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string enc;
    for (std::size_t i = 0; i < png.size(); i += 3) {
      const std::uint32_t n = static_cast<std::uint32_t>(png[i]) << 16 |
                              (i + 1 < png.size() ? png[i + 1] << 8 : 0) |
                              (i + 2 < png.size() ? png[i + 2] : 0);
      enc += b64[n >> 18 & 63];
      enc += b64[n >> 12 & 63];
      enc += i + 1 < png.size() ? b64[n >> 6 & 63] : '=';
      enc += i + 2 < png.size() ? b64[n & 63] : '=';
    }
    return "<div><img src=\"data:image/png;base64," + enc + "\" alt=\"\"></div>";
  }
  const std::string url = "/img/c?" + random_id(4);
  if (t_->captcha == "css_background")
    return "<div role=\"img\" aria-label=\"" + visible(*t_, "Güvenlik resmi") +
           "\" style=\"width:160px;height:50px;background-image:url('" + url + "')\"></div>";
  return "<div><img src=\"" + url + "\" alt=\"\"></div>";
}

http_reply portal_app::login_page(session& s, const std::string& error) {
  std::string c = message(error);
  if (!t_->guidance.empty()) c += "<p class=\"bilgi\">" + visible(*t_, t_->guidance) + "</p>";
  if (t_->captcha == "outside_form") c += captcha_markup(s);
  c += form_open(s, "/sg");
  if (t_->extra_controls)
    c += "<p><select name=\"dil\"><option value=\"en\">English</option><option value=\"tr\" "
         "selected>Türkçe</option></select>"
         "<input type=\"radio\" name=\"tip\" value=\"bireysel\" checked> Bireysel "
         "<input type=\"radio\" name=\"tip\" value=\"kurumsal\"> Kurumsal "
         "<input type=\"checkbox\" name=\"kvkk\" value=\"1\" checked> KVKK</p>";
  c += field(t_->kimlik_label, names_["kimlik"], "text");
  if (t_->info_icon) c += "<img src=\"/img/info.png\" alt=\"\">";
  if (t_->captcha != "outside_form") c += captcha_markup(s);
  c += field(t_->captcha_label, names_["captcha"], "text");
  c += field(t_->word_label, names_["word"], "password");
  c += button(names_["action"], "g", t_->login_button) + button(names_["action"], "u", t_->forgot_button);
  c += "</form>";
  return page(t_->login_title, c);
}

http_reply portal_app::phone_page(session& s) {
  std::string c = "<p>" + visible(*t_, t_->phone_intro) + " <strong>" + esc(mask_phone(s.account->phone)) +
                  "</strong></p>";
  c += form_open(s, "/so") + button(names_["action"], "o", t_->confirm_button) + "</form>";
  return page(t_->phone_title, c);
}

http_reply portal_app::send_page(session& s, const std::string& error) {
  std::string c = message(error);
  c += "<p>" + visible(*t_, t_->send_intro) + "</p>" + form_open(s, "/ss") +
       button(names_["action"], "s", t_->send_button) + "</form>";
  return page(t_->phone_title, c);
}

void portal_app::send_sms(session& s) {
  std::uint8_t b[4];
  rng_.fill(b);
  const std::uint32_t n = (static_cast<std::uint32_t>(b[0]) << 24 | static_cast<std::uint32_t>(b[1]) << 16 |
                           static_cast<std::uint32_t>(b[2]) << 8 | b[3]) %
                          1000000;
  char code[8];
  std::snprintf(code, sizeof code, "%06u", n);
  s.sms = {code, clock_() + opts_.sms_ttl, opts_.sms_tries};
  s.at = stage::sms_code;
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  outbox_.push_back({s.account->tckn, s.account->phone, code, now.count()});
  if (outbox_.size() > 100) outbox_.erase(outbox_.begin());
  if (on_sms) on_sms(outbox_.back());
}

http_reply portal_app::sms_page(session& s, const std::string& error) {
  std::string c = message(error);
  c += form_open(s, "/sk") + field(t_->sms_label, names_["sms"], "text");
  c += button(names_["action"], "t", t_->sms_button) + "</form>";
  return page(t_->phone_title, c);
}

http_reply portal_app::menu_page(session& s, const std::string& note) {
  std::string c;
  if (!note.empty()) c += "<p class=\"message\">" + visible(*t_, note) + "</p>";
  c += form_open(s, "/m") + button(names_["menu"], "p", t_->pin_puk_button) +
       button(names_["menu"], "k", t_->unlock_button) + button(names_["menu"], "x", t_->logout_button) +
       "</form>";
  return page(t_->menu_title, c);
}

http_reply portal_app::pin_puk_page(session& s) {
  const auto& a = *s.account;
  std::string c;
  if (a.passwords_deleted) {
    c += "<p class=\"message\">" + visible(*t_, t_->no_passwords) + "</p>";
  } else {
    const auto v = [&](const std::string& x) {
      return t_->nbsp_values ? "&nbsp;" + esc(x) + "&nbsp;&nbsp;" : esc(x);
    };
    std::vector<std::pair<std::string, std::string>> rows{{t_->serial_row, a.card_serial},
                                                          {t_->pin_row, a.pin}};
    if (!a.puk.empty()) rows.emplace_back(t_->puk_row, a.puk);
    if (t_->values == "wide_row") {
      c += "<table><tr>";
      for (const auto& [k, x] : rows) c += "<th>" + visible(*t_, k) + "</th><td>" + v(x) + "</td>";
      c += "</tr></table>";
    } else if (t_->values == "header_row") {
      c += "<table><thead><tr>";
      for (const auto& r : rows) c += "<th>" + visible(*t_, r.first) + "</th>";
      c += "</tr></thead><tbody><tr>";
      for (const auto& r : rows) c += "<td>" + v(r.second) + "</td>";
      c += "</tr></tbody></table>";
    } else if (t_->values == "dl") {
      c += "<dl>";
      for (const auto& [k, x] : rows) c += "<dt>" + visible(*t_, k) + "</dt><dd>" + v(x) + "</dd>";
      c += "</dl>";
    } else if (t_->values == "readonly") {
      int i = 0;
      for (const auto& [k, x] : rows) {
        const std::string id = names_["field_id"] + "v" + std::to_string(i++);
        c += "<p><label for=\"" + id + "\">" + visible(*t_, k) + "</label> <input id=\"" + id +
             "\" readonly value=\"" + esc(x) + "\"></p>";
      }
    } else {
      c += "<table><tr><th>" + visible(*t_, t_->table_key) + "</th><th>" + visible(*t_, t_->table_value) +
           "</th></tr>";
      for (const auto& [k, x] : rows) c += "<tr><td>" + visible(*t_, k) + "</td><td>" + v(x) + "</td></tr>";
      c += "</table>";
    }
    c += form_open(s, "/pk") + button(names_["action"], "k", t_->save_link) + "</form>";
    c += form_open(s, "/ps") + button(names_["action"], "d", t_->delete_link) + "</form>";
  }
  c += form_open(s, "/m") + button(names_["menu"], "x", t_->logout_button) + "</form>";
  auto r = page(t_->menu_title, c);
  r.step = "pinpuk";
  return r;
}

http_reply portal_app::expired_page() {
  return page(t_->login_title,
              message(t_->expired) + "<p><a href=\"/\">" + visible(*t_, t_->entry_title) + "</a></p>");
}

http_reply portal_app::test_endpoint(const http_call& call) {
  http_reply r;
  r.content_type = "application/json";
  if (opts_.test_token.empty() || !bridgelink::constant_time_equal(bridgelink::as_bytes(call.test_token),
                                                                   bridgelink::as_bytes(opts_.test_token))) {
    r.status = 403;
    r.body = R"({"error":"test token required"})";
    return r;
  }
  boost::json::object o;
  if (call.target == "/__test/sms") {
    boost::json::array a;
    for (const auto& m : outbox_)
      a.push_back({{"tckn", m.tckn}, {"phone", m.phone}, {"code", m.code}, {"sent_at", m.sent_at}});
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
  if (!opts_.faults.expire_after_step.empty() && r.step == opts_.faults.expire_after_step &&
      r.status == 200 && s)
    sessions_.erase(sid);
  if (r.step == opts_.faults.fail_step && !r.step.empty()) {
    r.status = 503;
    r.content_type = "text/html; charset=utf-8";
    r.body = "<html><body><h1>503 Hizmet verilemiyor</h1></body></html>";
  }
  if (r.step == opts_.faults.drop_step && !r.step.empty()) r.drop = true;
  r.delay += opts_.faults.latency;
  const bool html = r.content_type.rfind("text/html", 0) == 0;
  if (html && call.method == "POST" && t_->refresh_after_post && r.status == 200 && s && !r.drop) {
    // The answer waits behind a refresh, as some portals redirect after a POST.
    http_reply hop = r;
    hop.body =
        "<!DOCTYPE html><html><head><meta http-equiv=\"refresh\" "
        "content=\"0;url=/r\"></head><body>…</body></html>";
    hop.set_cookie = r.set_cookie;
    s->after_refresh = std::move(r);
    r = std::move(hop);
  }
  if (html) {
    r.body = encode_body(*t_, r.body);
    r.content_type = t_->charset_in == "meta" ? "text/html" : "text/html; charset=" + t_->charset;
  }
  return r;
}

http_reply portal_app::route(const http_call& call, session*& s, std::string& sid_in, bool& new_session) {
  std::string path = call.target.substr(0, call.target.find('?'));
  const bool post = call.method == "POST";
  auto form = post ? parse_form(call.body) : std::map<std::string, std::string>{};
  for (auto& [k, v] : form) v = decode_value(*t_, v);  // sent in the page's charset
  auto r_with = [](http_reply r, const char* step) {
    r.step = step;
    return r;
  };

  if (!post && path == "/") {
    return r_with(
        page(t_->entry_title, "<ul><li><a href=\"/nes\">" + visible(*t_, t_->entry_link) + "</a></li></ul>"),
        "entry");
  }
  if (!post && path == "/nes") {
    return r_with(
        page(t_->choose_title, "<ul><li><a href=\"/sg\">" + visible(*t_, t_->login_link) +
                                   "</a></li><li><a href=\"/ei\">" + visible(*t_, t_->other_login_1) +
                                   "</a></li><li><a href=\"/eik\">" + visible(*t_, t_->other_login_2) +
                                   "</a></li></ul>"),
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
  if (!post && path == "/r") {  // the answer behind a refresh
    if (!s || !s->after_refresh) return r_with(expired_page(), "refresh");
    http_reply r = std::move(*s->after_refresh);
    s->after_refresh.reset();
    return r;
  }
  if (!post && (path == "/img/info.png" || path.rfind("/img/b/", 0) == 0)) {
    http_reply r;
    r.content_type = "image/png";
    r.body.assign(info_icon_png().begin(), info_icon_png().end());
    return r;
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
  static const std::map<std::string, const char*> steps{
      {"/sg", "login"}, {"/so", "confirm"}, {"/ss", "send"},   {"/sk", "sms"},
      {"/m", "menu"},   {"/pk", "save"},    {"/ps", "delete"}, {"/psy", "delete_confirm"}};
  const auto st = steps.find(path);
  if (st == steps.end()) {
    http_reply r = page("404", "<p>Sayfa bulunamadı.</p>");
    r.status = 404;
    return r;
  }
  ++posts_[st->second];
  if (!s) return r_with(expired_page(), st->second);
  if (form[names_["token"]] != s->token) {
    http_reply r = page(t_->login_title, message(t_->bad_request));
    r.status = 403;
    r.step = st->second;
    return r;
  }
  const std::string action = action_of(form, names_["action"]);
  // A plain <input type=submit> sends its visible text as the value.
  const auto chose = [&](const std::string& choice, const char* value, const std::string& text) {
    return choice == value || choice == as_written(*t_, text);
  };

  if (path == "/sg") {
    if (chose(action, "u", t_->forgot_button))
      return r_with(page(t_->login_title, "<p>444 5 576</p>"), "login");
    // Controls a browser sends by itself: the selected option, the checked radio and checkbox.
    if (t_->extra_controls && (form["dil"] != "tr" || form["tip"] != "bireysel" || form["kvkk"] != "1"))
      return r_with(login_page(*s, t_->bad_request), "login");
    const auto kimlik = form[names_["kimlik"]];
    const auto captcha = form[names_["captcha"]];
    const auto word = form[names_["word"]];
    portal_account* acct = nullptr;
    for (auto& a : accounts_)
      if (a.tckn == kimlik) acct = &a;
    if (acct && acct->blocked) return r_with(login_page(*s, t_->blocked), "login");
    std::string expected = s->captcha;
    s->captcha.clear();  // single use
    if (expected.empty() ||
        !bridgelink::constant_time_equal(bridgelink::as_bytes(captcha), bridgelink::as_bytes(expected)))
      return r_with(login_page(*s, t_->wrong_captcha), "login");
    if (!acct || !bridgelink::constant_time_equal(bridgelink::as_bytes(word),
                                                  bridgelink::as_bytes(acct->security_word))) {
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
        return r_with(page(t_->login_title, message(t_->too_many_sms)), "sms");
      }
      return r_with(sms_page(*s, t_->wrong_sms), "sms");
    }
    s->at = stage::menu;
    return r_with(menu_page(*s, ""), "sms");
  }
  if (s->at != stage::menu) return r_with(expired_page(), st->second);
  if (path == "/m") {
    const auto choice = action_of(form, names_["menu"]);
    const auto is = [&](const char* v, const std::string& text) { return chose(choice, v, text); };
    if (is("p", t_->pin_puk_button)) return pin_puk_page(*s);
    if (is("x", t_->logout_button)) {
      sessions_.erase(sid_in);
      s = nullptr;
      return r_with(page(t_->entry_title, "<p class=\"message\">" + visible(*t_, t_->logged_out) + "</p>"),
                    "logout");
    }
    return r_with(menu_page(*s, "444 5 576"), "menu");
  }
  if (path == "/pk") return r_with(menu_page(*s, "PDF"), "save");
  if (path == "/ps") {
    std::string c = "<p>" + visible(*t_, t_->delete_question) + "</p>" + form_open(*s, "/psy") +
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

}  // namespace eimza::sim
