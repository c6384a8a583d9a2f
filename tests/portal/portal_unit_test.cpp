// Pages, labels, form submission, charsets, values, captcha choice, profiles and URL handling
// without a network; the portal session against canned pages through a fake http_client.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>

#include "portal/charset.hpp"
#include "portal/form_submission.hpp"
#include "portal/html_page.hpp"
#include "portal/http_client.hpp"
#include "portal/image_check.hpp"
#include "portal/page_lookup.hpp"
#include "portal/portal_profile.hpp"
#include "portal/portal_session.hpp"
#include "portal/text_match.hpp"

using namespace eimza::portal;
using bridgelink::secret_bytes;

namespace {

std::string text(const secret_bytes& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}
secret_bytes secret(std::string_view s) {
  return secret_bytes(bridgelink::as_bytes(s));
}

std::map<std::string, std::string> fields_of(const form_submission& s) {
  std::map<std::string, std::string> m;
  for (const auto& f : s.fields) m[f.name] += (m.count(f.name) ? "|" : "") + text(f.value);
  return m;
}

TEST(TextMatch, TurkishCaseAndPunctuation) {
  EXPECT_TRUE(same_text("  KİMLİK   No: ", "kimlik no"));
  EXPECT_TRUE(same_text("Güvenlik Sözcüğü *", "GÜVENLİK SÖZCÜĞÜ"));
  EXPECT_TRUE(same_text("Resimdeki\u00a0Yazı", "Resimdeki Yazı"));
  EXPECT_FALSE(same_text("Kimlik No", "Kimlik"));
  EXPECT_TRUE(contains_text("Hesabınız BLOKE edilmiştir.", "bloke"));
  EXPECT_FALSE(same_text("", ""));
}

TEST(TextMatch, NfdDecomposedDottedIAndUpperCase) {
  // "Güvenlik Sözcüğü" in NFD (u + U+0308, o + U+0308, g + U+0306), and a decomposed İ (I + U+0307).
  EXPECT_TRUE(same_text("Gu\u0308venlik So\u0308zcu\u0308g\u0306u\u0308", "Güvenlik Sözcüğü"));
  EXPECT_TRUE(same_text("KI\u0307MLI\u0307K NO", "Kimlik No"));
  EXPECT_TRUE(same_text("ki\u0307mli\u0307k no", "Kimlik No"));
  EXPECT_TRUE(contains_text("KALAN DENEME HAKKINIZ: 1", "kalan deneme hakkınız"));
  EXPECT_TRUE(same_text("PIN", "Pin"));
  EXPECT_TRUE(same_text("Kimlik\u2009No", "Kimlik No")) << "thin space";
  EXPECT_EQ(trim_space("\u00a0 482915\u00a0\u2007"), "482915");
}

TEST(TextMatch, AttemptsPatternsNeverThrow) {
  // Two alternative groups: only one holds the number (the stoi crash of the first version).
  const std::vector<std::string> p{"kalan deneme hakkınız[^0-9]*([0-9]+)|([0-9]+) deneme hakkınız kaldı"};
  EXPECT_EQ(find_number("2 deneme hakkınız kaldı.", p).value(), 2);
  EXPECT_EQ(find_number("KALAN DENEME HAKKINIZ: 1", p).value(), 1);
  EXPECT_FALSE(find_number("nothing here", p));
  EXPECT_FALSE(find_number("kalan deneme hakkınız: 9999", {"kalan deneme hakkınız[^0-9]*([0-9]+)"}))
      << "not a count";
  EXPECT_FALSE(find_number("x", {"(unclosed"})) << "a bad pattern finds nothing";
}

TEST(HtmlPage, LabelsByForWrappingAriaTitleAndPlaceholder) {
  auto p = parse_html(R"(<html><head><title>T</title></head><body>
    <span id="l1">Resimdeki</span><span id="l2">Yazı</span>
    <form method="POST" action="/x">
      <input type="hidden" name="tok" value="abc">
      <label for="a1">Kimlik No</label><input id="a1" name="n1">
      <label>Güvenlik Sözcüğü <input type="password" name="n2"></label>
      <input name="n3" aria-labelledby="l1 l2"><img src="/c.png">
      <input name="n4" placeholder="SMS Onay Kodu">
      <input name="n5" aria-label="Telefon">
      <input name="n6" title="E-posta">
      <button name="b" value="g">Giriş</button><input type="submit" value="Vazgeç" name="c">
    </form>
    <a href="/m">PIN/PUK Bilgisi</a>
    <table><tr><th>Açıklama</th><th>Değer</th></tr><tr><td>PIN</td><td> 482915 </td></tr></table>
    <div class="hata">Resimdeki yazıyı yanlış girdiniz.</div>
    <script>var x = "<form>";</script></body></html>)");
  EXPECT_EQ(p.title, "T");
  ASSERT_EQ(p.forms.size(), 1u);
  const auto& f = p.forms[0];
  EXPECT_EQ(f.method, "post");
  EXPECT_EQ(field_by_label(f, "Kimlik No")->name, "n1");
  EXPECT_EQ(field_by_label(f, "Güvenlik Sözcüğü")->name, "n2");
  EXPECT_EQ(field_by_label(f, "Resimdeki Yazı")->name, "n3");
  EXPECT_EQ(field_by_label(f, "SMS Onay Kodu")->name, "n4");
  EXPECT_EQ(field_by_label(f, "Telefon")->name, "n5");
  EXPECT_EQ(field_by_label(f, "E-posta")->name, "n6");
  EXPECT_EQ(button_by_text(f, "Giriş")->value, "g");
  EXPECT_EQ(button_by_text(f, "Vazgeç")->name, "c");
  ASSERT_EQ(p.images.size(), 1u);
  EXPECT_EQ(p.images[0].form, 0);
  EXPECT_NE(p.link("PIN/PUK Bilgisi"), nullptr);
  ASSERT_NE(p.row("PIN"), nullptr);
  EXPECT_EQ(text(p.row("PIN")->value), "482915");
  EXPECT_EQ(p.text.find("482915"), std::string::npos) << "values stay out of the scanned text";
  ASSERT_FALSE(p.messages.empty());
  EXPECT_TRUE(contains_text(p.messages[0], "yanlış girdiniz"));
}

TEST(HtmlPage, LayoutLabelsCellBeforeAndTextBefore) {
  auto p = parse_html(R"(<form action="/x" method="post"><table>
      <tr><td>Kimlik No</td><td><input name="a"></td></tr>
      <tr><th>Resimdeki Yazı:</th><td><input name="b"></td></tr></table>
      <div>Güvenlik Sözcüğü <input type="password" name="c"> <span>SMS Kodu</span><br><input name="d"></div>
      <div><input name="e"></div></form>)");
  const auto& f = p.forms.at(0);
  EXPECT_EQ(field_by_label(f, "Kimlik No")->name, "a");
  EXPECT_EQ(field_by_label(f, "Resimdeki Yazı")->name, "b");
  EXPECT_EQ(field_by_label(f, "Güvenlik Sözcüğü")->name, "c");
  EXPECT_EQ(field_by_label(f, "SMS Kodu")->name, "d");
  EXPECT_TRUE(f.controls.back().labels.empty()) << "no text before it in its block";
}

TEST(FormSubmission, TheHtmlAlgorithm) {
  auto p = parse_html(R"(<form action="/login?old=1" method="post">
      <input type="hidden" name="__VIEWSTATE" value="vs">
      <input name="kimlik" value="">
      <select name="dil"><option value="en">English</option><option value="tr" selected>Türkçe</option></select>
      <select name="tur"><option>Bireysel</option><option>Kurumsal</option></select>
      <input type="radio" name="yontem" value="sifre" checked><input type="radio" name="yontem" value="kart">
      <input type="checkbox" name="hatirla" checked><input type="checkbox" name="bulten" value="1">
      <input name="kapali" value="x" disabled>
      <fieldset disabled><input name="ic" value="y"></fieldset>
      <input type="file" name="dosya">
      <input type="image" name="giris" src="/btn.png" alt="Giriş">
      <input type="submit" name="iptal" value="İptal">
      <button name="alt" value="2" formaction="/other" formmethod="get">Başka</button></form>)");
  const auto& f = p.forms.at(0);
  std::vector<form_value> ours;
  ours.push_back({"kimlik", secret("10000000146")});
  auto s = build_submission(f, button_by_text(f, "Giriş"), std::move(ours), "https://h/a/b", "utf-8");
  EXPECT_EQ(s.method, "post");
  EXPECT_EQ(s.url, "https://h/login?old=1");
  const auto m = fields_of(s);
  EXPECT_EQ(m.at("__VIEWSTATE"), "vs");
  EXPECT_EQ(m.at("kimlik"), "10000000146");
  EXPECT_EQ(m.at("dil"), "tr") << "the selected option";
  EXPECT_EQ(m.at("tur"), "Bireysel") << "the first option when none is selected (text as value)";
  EXPECT_EQ(m.at("yontem"), "sifre");
  EXPECT_EQ(m.at("hatirla"), "on");
  EXPECT_EQ(m.count("bulten"), 0u);
  EXPECT_EQ(m.count("kapali"), 0u);
  EXPECT_EQ(m.count("ic"), 0u) << "inside a disabled fieldset";
  EXPECT_EQ(m.count("dosya"), 0u);
  EXPECT_EQ(m.at("giris.x"), "0");
  EXPECT_EQ(m.at("giris.y"), "0");
  EXPECT_EQ(m.count("iptal"), 0u) << "only the submitter";
  auto g = build_submission(f, button_by_text(f, "Başka"), {}, "https://h/a/b", "utf-8");
  EXPECT_EQ(g.method, "get");
  EXPECT_EQ(g.url.substr(0, g.url.find('?')), "https://h/other");
  EXPECT_NE(g.url.find("alt=2"), std::string::npos);
}

TEST(FormSubmission, DoPostBack) {
  auto p = parse_html(R"~(<form method="post" action="./Default.aspx" id="form1">
      <input type="hidden" name="__EVENTTARGET" value=""><input type="hidden" name="__EVENTARGUMENT" value="">
      <a href="javascript:__doPostBack('ctl00$Menu$PinPuk','')">PIN/PUK Bilgisi</a>
      <a href="#" onclick="__doPostBack(&quot;lnkSil&quot;, &quot;7&quot;); return false;">Parolalarımı Sil</a></form>)~");
  const auto* l = p.link("PIN/PUK Bilgisi");
  ASSERT_TRUE(l && l->on_click);
  EXPECT_EQ(l->on_click->target, "ctl00$Menu$PinPuk");
  ASSERT_TRUE(p.link("Parolalarımı Sil")->on_click);
  EXPECT_EQ(p.link("Parolalarımı Sil")->on_click->argument, "7");
  const auto* f = postback_form(p);
  ASSERT_NE(f, nullptr);
  auto s = build_submission(*f, nullptr, {}, "https://h/app/x", "utf-8", l->on_click);
  const auto m = fields_of(s);
  EXPECT_EQ(m.at("__EVENTTARGET"), "ctl00$Menu$PinPuk");
  EXPECT_EQ(m.at("__EVENTARGUMENT"), "");
}

TEST(Charset, Windows1254AndIso88599) {
  EXPECT_EQ(encoding_for_label("ISO-8859-9"), "windows-1254");
  EXPECT_EQ(encoding_for_label("latin5"), "windows-1254");
  EXPECT_EQ(encoding_for_label("utf8"), "utf-8");
  const std::string body =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-9\"></head>"
      "<body>G\xfcvenlik S\xf6zc\xfc\xf0\xfc \xdd\xfe\xfd</body></html>";
  const auto cs = page_charset("text/html", bridgelink::as_bytes(body));
  EXPECT_EQ(cs, "windows-1254");
  EXPECT_EQ(page_charset("text/html; charset=\"windows-1254\"", {}), "windows-1254");
  EXPECT_EQ(page_charset("text/html", bridgelink::as_bytes("<meta charset=utf-8>")), "utf-8");
  const auto utf8 = to_utf8(bridgelink::as_bytes(body), cs);
  EXPECT_NE(text(utf8).find("Güvenlik Sözcüğü İşı"), std::string::npos);
  EXPECT_EQ(text(from_utf8(bridgelink::as_bytes("çiğdem İ"), "windows-1254")),
            "\xe7i\xf0"
            "dem \xdd");
  EXPECT_EQ(text(from_utf8(bridgelink::as_bytes("a€😀"), "windows-1254")), "a\x80&#128512;")
      << "not in the charset: &#N;";
}

TEST(HtmlPage, KeyValuesInEveryCommonMarkup) {
  auto p = parse_html(
      R"(<table><tr><th>Kart Seri Numarası</th><td>0036267E57013B46</td><th>PIN</th><td>&nbsp;482915&nbsp;</td></tr></table>
    <table><thead><tr><th>No</th><th>Kart Seri Numarası</th><th>PIN</th><th>PUK</th></tr></thead>
      <tbody><tr><td>1</td><td>AAAA0000BBBB1111</td><td>111222</td><td>33334444</td></tr></tbody></table>
    <table><tr><td>1</td><td>Açıklama 2</td><td>999888</td></tr></table>
    <dl><dt>Seri</dt><dd>CCCC</dd><dt>Şifre</dt><dd> 246810 </dd></dl>
    <label for="r">Kart PIN</label><input id="r" readonly value="135790">
    <label for="o">Kart PUK</label><output id="o">86420000</output>)");
  EXPECT_EQ(text(p.row("PIN")->value), "482915") << "&nbsp; padding trimmed";
  EXPECT_EQ(text(p.row("Kart Seri Numarası")->value), "0036267E57013B46");
  EXPECT_EQ(p.rows("PIN").size(), 2u);
  EXPECT_EQ(text(p.rows("PIN")[1]->value), "111222") << "a header row names the columns";
  EXPECT_EQ(text(p.row("PUK")->value), "33334444");
  EXPECT_EQ(text(p.row("Açıklama 2")->value), "999888") << "three-column row";
  EXPECT_EQ(text(p.row("Şifre")->value), "246810");
  EXPECT_EQ(text(p.row("Kart PIN")->value), "135790") << "readonly input";
  EXPECT_EQ(text(p.row("Kart PUK")->value), "86420000") << "output";
  for (const char* v : {"482915", "111222", "246810", "135790", "86420000"})
    EXPECT_EQ(p.text.find(v), std::string::npos) << v;
}

TEST(HtmlPage, RefreshAlertsAndImages) {
  auto p = parse_html(R"~(<head><meta http-equiv="Refresh" content="0; URL='/sonuc?x=1'"></head><body>
    <script>if (1) { alert("Resimdeki yaz\u0131y\u0131 yanl\u0131\u015f girdiniz."); } alert('ikinci \'mesaj\'');</script>
    <div role="img" aria-label="Güvenlik resmi" style="width:120px;background-image:url('data:image/png;base64,AAAA')"></div>
    <img src="/i/info.png" width="16" height="16" alt="Bilgi"></body>)~");
  ASSERT_TRUE(p.refresh_url);
  EXPECT_EQ(*p.refresh_url, "/sonuc?x=1");
  ASSERT_EQ(p.messages.size(), 2u);
  EXPECT_EQ(p.messages[0], "Resimdeki yazıyı yanlış girdiniz.");
  EXPECT_EQ(p.messages[1], "ikinci 'mesaj'");
  ASSERT_EQ(p.images.size(), 2u);
  EXPECT_TRUE(p.images[0].css_background);
  EXPECT_EQ(p.images[0].src, "data:image/png;base64,AAAA");
  const auto c = captcha_candidates(p, -1, {"güvenlik resmi"}, {});
  ASSERT_EQ(c.size(), 1u) << "the 16×16 icon is never a candidate";
  EXPECT_TRUE(c[0]->css_background);
  EXPECT_FALSE(parse_html(R"(<meta http-equiv="refresh" content="600; url=/timeout">)").refresh_url)
      << "a timer, not a redirect";
}

TEST(ImageCheck, SniffSizesAndDataUris) {
  // A 1×1 PNG and a 120×40 PNG header.
  auto tiny = decode_data_uri(
      "data:image/"
      "png;base64,"
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
  ASSERT_TRUE(tiny);
  auto f = sniff_image(*tiny);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->mime, "image/png");
  EXPECT_EQ(f->width, 1);
  EXPECT_FALSE(plausible_captcha(*f));
  bridgelink::bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                        'I',  'H', 'D', 'R', 0,    0,    0,    120,  0, 0, 0, 40};
  EXPECT_TRUE(plausible_captcha(*sniff_image(png)));
  const bridgelink::bytes gif{'G', 'I', 'F', '8', '9', 'a', 16, 0, 16, 0};
  EXPECT_FALSE(plausible_captcha(*sniff_image(gif)));
  EXPECT_FALSE(sniff_image(bridgelink::as_bytes("<svg></svg>")));
  EXPECT_FALSE(decode_data_uri("data:image/png;base64,***"));
  EXPECT_EQ(decode_data_uri("data:text/plain,a%20b")->size(), 3u);
}

TEST(HtmlPage, MalformedAndDeepInputDoNotCrash) {
  EXPECT_TRUE(parse_html("").forms.empty());
  EXPECT_TRUE(parse_html("<form><input name=a><label for=").forms.size() == 1);
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  deep += "<form><input name=x></form>";
  (void)parse_html(deep);
  std::string big(page_max + 100, 'a');
  (void)parse_html(big);
  EXPECT_FALSE(find_postback("__doPostBack('unterminated"));
}

}  // namespace

namespace eimza::portal {
extern const char* const builtin_profile_json;
}

namespace {

std::string profile_text(std::string_view from = "", std::string_view to = "") {
  std::string j = eimza::portal::builtin_profile_json;
  if (!from.empty()) {
    const auto at = j.find(from);
    if (at != std::string::npos) j.replace(at, from.size(), to);
  }
  return j;
}

TEST(Profile, BuiltinParsesAndBadProfilesAreNamed) {
  const auto& p = builtin_profile();
  EXPECT_EQ(p.login.kimlik_no.at(0), "Kimlik No");
  EXPECT_EQ(p.menu.pin_puk.at(0), "PIN/PUK Bilgisi");
  EXPECT_EQ(p.navigate.size(), 2u);
  for (const auto& m : p.errors.blocked)
    EXPECT_NE(normalize_text(m), "bloke") << "a bare 'bloke' also matches guidance text";
  auto error_of = [](const std::string& json) -> std::string {
    try {
      (void)parse_profile(json);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_NE(error_of(R"({"name": "x"})").find("entry_url"), std::string::npos);
  EXPECT_THROW((void)parse_profile("not json"), std::runtime_error);
  EXPECT_NE(error_of(profile_text("\"attempts_left\": [", "\"attempts_left\": [\"no group\", "))
                .find("errors.attempts_left[0]"),
            std::string::npos);
  EXPECT_NE(error_of(profile_text("\"attempts_left\": [", "\"attempts_left\": [\"([0-9]+)\", \"(\", "))
                .find("errors.attempts_left[1]"),
            std::string::npos);
  EXPECT_NE(error_of(profile_text("\"kimlik_no\"", "\"kimlikno\"")).find("login.kimlik_no"),
            std::string::npos);
  EXPECT_NE(error_of(profile_text("\"login\": {", "\"login\": {\"captha\": \"x\",")).find("login.captha"),
            std::string::npos)
      << "a misspelt key is named";
  EXPECT_NE(error_of(profile_text("\"submit\": \"Giriş\"", "\"submit\": []")).find("login.submit"),
            std::string::npos);
  // Keys come from the described members: "delete" is the member delete_, optional keys keep
  // their defaults, a wrong type is named with its path.
  EXPECT_EQ(p.pin_puk.delete_.at(0), "Parolalarımı Sil");
  EXPECT_NE(error_of(profile_text("\"delete\":", "\"delete_\":")).find("pin_puk.delete"), std::string::npos);
  auto doc = boost::json::parse(profile_text()).as_object();
  doc.at("login").as_object().erase("captcha_image");
  doc.erase("navigate");
  const auto without = parse_profile(boost::json::serialize(doc));
  EXPECT_TRUE(without.navigate.empty());
  EXPECT_EQ(without.login.captcha_image, texts{"captcha"}) << "an optional key left out keeps its default";
  doc.at("login").as_object()["captcha_image"] = boost::json::array();
  EXPECT_NE(error_of(boost::json::serialize(doc)).find("login.captcha_image"), std::string::npos)
      << "given, it may not be empty";
  EXPECT_NE(error_of(profile_text("\"sms\": {", "\"sms\": 3, \"y\": {")).find("\"sms\" must be an object"),
            std::string::npos);
  EXPECT_NE(error_of(profile_text("\"name\": \"", "\"name\": 7, \"z\": \""))
                .find("\"name\" must be a non-empty string"),
            std::string::npos);
}

TEST(Http, FormEncodingAndUrls) {
  std::vector<form_value> f;
  f.push_back({"a b", secret("çiğ&=1")});
  f.push_back({"k", secret_bytes()});
  const auto enc = form_encode(f);
  EXPECT_EQ(text(enc), "a%20b=%C3%A7i%C4%9F%26%3D1&k=");
  EXPECT_EQ(resolve_url("https://h:1/a/b?q", "/x"), "https://h:1/x");
  EXPECT_EQ(resolve_url("https://h:1/a/b?q", "c"), "https://h:1/a/c");
  EXPECT_EQ(resolve_url("https://h:1/a/b?q", "?z=1"), "https://h:1/a/b?z=1");
  EXPECT_EQ(resolve_url("https://h:1/a/b", "https://o/p"), "https://o/p");
  EXPECT_EQ(resolve_url("https://h:1", "x"), "https://h:1/x");
}

// --- The session against canned pages --------------------------------------------------------

class fake_portal final : public http_client {
 public:
  struct page {
    std::string body, content_type = "text/html; charset=utf-8";
  };
  std::map<std::string, page> pages;  // "GET /path" or "POST /path" (query ignored)
  std::vector<std::string> requests;
  portal_result<http_response> send(const http_request& r) override {
    const auto path = r.url.substr(r.url.find('/', 8));
    const auto key = r.method + " " + path.substr(0, path.find('?'));
    requests.push_back(key);
    auto it = pages.find(key);
    http_response resp;
    resp.final_url = r.url;
    if (it == pages.end()) {
      resp.status = 404;
      return resp;
    }
    resp.status = 200;
    resp.content_type = it->second.content_type;
    resp.body = secret(it->second.body);
    return resp;
  }
};

const std::string png_120x40 = [] {
  std::string s("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x78\0\0\0\x28", 24);
  return s;
}();
const std::string png_16x16 = [] {
  std::string s("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x10", 24);
  return s;
}();

std::string login_page(std::string_view extra) {
  return std::string(
             R"(<form method="post" action="/sg"><p>Bilgi: 3 kez hatalı girişte hesabınız bloke olur.</p>)") +
         std::string(extra) + R"(<label for="k">Kimlik No</label><input id="k" name="k">
      <label for="c">Resimdeki Yazı</label><input id="c" name="c"><img src="/captcha.png">
      <label for="w">Güvenlik Sözcüğü</label><input id="w" name="w" type="password">
      <button name="a" value="g">Giriş</button></form>)";
}

portal_profile profile_for_fake() {
  auto p = builtin_profile();
  p.entry_url = "https://portal.test/";
  p.navigate.clear();
  return p;
}

TEST(Session, GuidanceAboutBlockingIsNotALockout) {
  fake_portal http;
  http.pages["GET /"] = {login_page("")};
  http.pages["GET /captcha.png"] = {png_120x40, "image/png"};
  const auto profile = profile_for_fake();
  portal_session s(http, profile);
  auto screen = s.open();
  ASSERT_TRUE(screen) << code_name(screen.error()) << " " << s.last_problem();
  EXPECT_EQ(s.current_state(), portal_session::state::login_form);
}

TEST(Session, AnInfoIconIsNeverTheCaptcha) {
  fake_portal http;
  http.pages["GET /"] = {login_page(R"(<img src="/info.png" alt="">)")};
  http.pages["GET /info.png"] = {png_16x16, "image/png"};
  http.pages["GET /captcha.png"] = {png_120x40, "image/png"};
  const auto profile = profile_for_fake();
  portal_session s(http, profile);
  auto screen = s.open();
  ASSERT_TRUE(screen) << s.last_problem();
  EXPECT_EQ(std::string(screen->captcha_image.begin(), screen->captcha_image.end()), png_120x40);
  // Only the icon on the page: no captcha, rather than the icon.
  http.pages["GET /captcha.png"] = {png_16x16, "image/png"};
  portal_session t(http, profile);
  EXPECT_EQ(t.open().error(), portal_errc::unexpected_page);
}

// Logs in and goes to the PIN/PUK page whose table is `table`.
portal_result<pin_puk_info> pin_page(const std::string& table, std::string& problem) {
  fake_portal http;
  http.pages["GET /"] = {login_page("")};
  http.pages["GET /captcha.png"] = {png_120x40, "image/png"};
  http.pages["POST /sg"] = {
      R"(<p>Numaranız: 05** *** ** 42</p><form method="post" action="/so"><button>Onay</button></form>)"};
  http.pages["POST /so"] = {
      R"(<form method="post" action="/sk"><label for="s">SMS Onay Kodu</label><input id="s" name="s">
      <button>Tamam</button></form>)"};
  http.pages["POST /sk"] = {
      R"(<form method="post" action="/m"><button name="m" value="p">PIN/PUK Bilgisi</button></form>)"};
  http.pages["POST /m"] = {table};
  const auto profile = profile_for_fake();
  portal_session s(http, profile);
  if (auto o = s.open(); !o) return o.error();
  if (auto l = s.login("10000000146", secret("ABCD"), secret("çiğdem")); !l) return l.error();
  if (auto c = s.confirm_phone(); !c) return c.error();
  if (auto m = s.submit_sms(secret("123456")); !m) return m.error();
  auto r = s.pin_puk();
  problem = s.last_problem();
  return r;
}

TEST(Session, NbspPaddedPinIsTrimmedNotTrustedBlindly) {
  std::string problem;
  auto ok = pin_page(R"(<table><tr><td>Kart Seri Numarası</td><td>&nbsp;0036267E57013B46&nbsp;</td></tr>
      <tr><td>PIN</td><td>&nbsp;482915&nbsp;</td></tr></table>)",
                     problem);
  ASSERT_TRUE(ok) << problem;
  EXPECT_EQ(text(ok->pin), "482915");
  EXPECT_EQ(ok->card_serial, "0036267E57013B46");
  auto bad = pin_page(R"(<table><tr><td>Kart Seri Numarası</td><td>0036267E57013B46</td></tr>
      <tr><td>PIN</td><td>******</td></tr></table>)",
                      problem);
  ASSERT_FALSE(bad) << "a PIN that is not digits is never a success";
  EXPECT_EQ(bad.error(), portal_errc::unexpected_page);
  EXPECT_NE(problem.find("PIN: 6 characters, not all digits"), std::string::npos) << problem;
  EXPECT_EQ(problem.find("******"), std::string::npos) << "shape only, never the value";
}

TEST(Session, ReadonlyInputsHoldThePin) {
  std::string problem;
  auto r = pin_page(
      R"(<form><label for="a">Kart Seri Numarası</label><input id="a" readonly value="0036267E57013B46">
      <label for="b">PIN</label><input id="b" readonly value="482915"></form>)",
      problem);
  ASSERT_TRUE(r) << problem;
  EXPECT_EQ(text(r->pin), "482915");
}

TEST(Session, AttemptsPatternWithTwoGroupsDoesNotCrash) {
  fake_portal http;
  http.pages["GET /"] = {login_page("")};
  http.pages["GET /captcha.png"] = {png_120x40, "image/png"};
  http.pages["POST /sg"] = {
      login_page(R"(<div class="hata">YANLIŞ GİRİLEN GÜVENLİK SÖZCÜĞÜ. 1 DENEME HAKKINIZ KALDI.</div>)")};
  auto profile = profile_for_fake();
  profile.errors.wrong_credentials = {"yanlış girilen güvenlik sözcüğü"};
  profile.errors.attempts_left = {"kalan deneme hakkınız[^0-9]*([0-9]+)|([0-9]+) deneme hakkınız kaldı"};
  portal_session s(http, profile);
  ASSERT_TRUE(s.open());
  auto r = s.login("10000000146", secret("ABCD"), secret("yanlış"));
  EXPECT_EQ(r.error(), portal_errc::wrong_credentials);
  EXPECT_EQ(s.current_login().attempts_left, 1);
  EXPECT_TRUE(s.current_login().last_try);
}

TEST(Session, MetaRefreshAfterPostIsFollowedAndCharsetsRespected) {
  fake_portal http;
  const std::string cp1254_login =
      "<meta charset=windows-1254>" +
      std::string(R"(<form method="post" action="/sg"><label for="k">Kimlik No</label><input id="k" name="k">
      <label for="c">Resimdeki Yaz)") +
      "\xfd" + R"(</label><input id="c" name="c"><img src="/captcha.png" alt="captcha">
      <label for="w">G)" +
      "\xfc" + "venlik S\xf6zc\xfc\xf0\xfc" + R"(</label><input id="w" name="w">
      <button>Giri)" +
      "\xfe" + "</button></form>";
  http.pages["GET /"] = {cp1254_login, "text/html"};
  http.pages["GET /captcha.png"] = {png_120x40, "image/png"};
  http.pages["POST /sg"] = {R"(<meta http-equiv="refresh" content="0;url=/telefon">)"};
  http.pages["GET /telefon"] = {
      R"(<p>05** *** ** 42</p><form method="post" action="/so"><button>Onay</button></form>)"};
  const auto profile = profile_for_fake();
  portal_session s(http, profile);
  ASSERT_TRUE(s.open()) << s.last_problem();
  auto phone = s.login("10000000146", secret("ABCD"), secret("çiğdem"));
  ASSERT_TRUE(phone) << code_name(phone.error()) << " " << s.last_problem();
  EXPECT_EQ(phone->masked_phone, "05** *** ** 42");
  EXPECT_EQ(http.requests.back(), "GET /telefon");
}

}  // namespace
