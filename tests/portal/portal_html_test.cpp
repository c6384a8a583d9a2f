// Pages, labels, form submission, charsets, values and URL handling: the portal's sans-I/O HTML
// reading (eimza_portal_html) alone, so that it is tested wherever it is built (Linux, Windows).
#include <gtest/gtest.h>

#include <map>

#include "portal/charset.hpp"
#include "portal/form_submission.hpp"
#include "portal/html_page.hpp"
#include "portal/http_client.hpp"
#include "portal/image_check.hpp"
#include "portal/page_lookup.hpp"
#include "portal/text_match.hpp"
#include "secret_text.hpp"

using namespace eimza::portal;
using bridgelink::secret_bytes;
using eimza::test::secret;
using eimza::test::text;

namespace {

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

}  // namespace
