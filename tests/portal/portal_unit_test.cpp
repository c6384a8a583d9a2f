// Pages, labels, profiles and URL handling without a network.
#include <gtest/gtest.h>

#include "portal/html_page.hpp"
#include "portal/http_client.hpp"
#include "portal/portal_profile.hpp"
#include "portal/text_match.hpp"

using namespace eimza::portal;

namespace {

TEST(TextMatch, TurkishCaseAndPunctuation) {
  EXPECT_TRUE(same_text("  KİMLİK   No: ", "kimlik no"));
  EXPECT_TRUE(same_text("Güvenlik Sözcüğü *", "GÜVENLİK SÖZCÜĞÜ"));
  EXPECT_TRUE(same_text("Resimdeki\u00a0Yazı", "Resimdeki Yazı"));
  EXPECT_FALSE(same_text("Kimlik No", "Kimlik"));
  EXPECT_TRUE(contains_text("Hesabınız BLOKE edilmiştir.", "bloke"));
  EXPECT_FALSE(same_text("", ""));
}

TEST(HtmlPage, LabelsByForWrappingAriaAndPlaceholder) {
  auto p = parse_html(R"(<html><head><title>T</title></head><body>
    <form method="POST" action="/x">
      <input type="hidden" name="tok" value="abc">
      <label for="a1">Kimlik No</label><input id="a1" name="n1">
      <label>Güvenlik Sözcüğü <input type="password" name="n2"></label>
      <input name="n3" aria-label="Resimdeki Yazı"><img src="/c.png">
      <input name="n4" placeholder="SMS Onay Kodu">
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
  EXPECT_EQ(button_by_text(f, "Giriş")->value, "g");
  EXPECT_EQ(button_by_text(f, "Vazgeç")->name, "c");
  ASSERT_EQ(f.images.size(), 1u);
  EXPECT_NE(p.link("PIN/PUK Bilgisi"), nullptr);
  ASSERT_NE(p.row("PIN"), nullptr);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(p.row("PIN")->value.data()), p.row("PIN")->value.size()), "482915");
  EXPECT_EQ(p.text.find("482915"), std::string::npos) << "table values stay out of the scanned text";
  ASSERT_FALSE(p.messages.empty());
  EXPECT_TRUE(contains_text(p.messages[0], "yanlış girdiniz"));
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
}

TEST(Profile, BuiltinParsesAndBadProfilesAreNamed) {
  const auto& p = builtin_profile();
  EXPECT_EQ(p.kimlik_no_label, "Kimlik No");
  EXPECT_EQ(p.pin_puk_button, "PIN/PUK Bilgisi");
  EXPECT_EQ(p.navigate.size(), 2u);
  try {
    (void)parse_profile(R"({"name": "x"})");
    FAIL() << "accepted a profile without entry_url";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("entry_url"), std::string::npos);
  }
  EXPECT_THROW((void)parse_profile("not json"), std::runtime_error);
}

TEST(Http, FormEncodingAndUrls) {
  std::vector<form_value> f;
  f.push_back({"a b", bridgelink::secret_bytes(bridgelink::as_bytes("çiğ&=1"))});
  f.push_back({"k", bridgelink::secret_bytes()});
  const auto enc = form_encode(f);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(enc.data()), enc.size()), "a%20b=%C3%A7i%C4%9F%26%3D1&k=");
  EXPECT_EQ(resolve_url("https://h:1/a/b?q", "/x"), "https://h:1/x");
  EXPECT_EQ(resolve_url("https://h:1/a/b?q", "c"), "https://h:1/a/c");
  EXPECT_EQ(resolve_url("https://h:1/a/b?q", "?z=1"), "https://h:1/a/b?z=1");
  EXPECT_EQ(resolve_url("https://h:1/a/b", "https://o/p"), "https://o/p");
  EXPECT_EQ(resolve_url("https://h:1", "x"), "https://h:1/x");
}

}  // namespace
