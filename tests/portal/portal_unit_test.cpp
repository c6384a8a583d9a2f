// Profiles and the portal session against canned pages through a fake http_client (the HTML
// reading itself: portal_html_test.cpp).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>

#include "portal/html_page.hpp"
#include "portal/http_client.hpp"
#include "portal/page_lookup.hpp"
#include "portal/portal_profile.hpp"
#include "portal/portal_session.hpp"
#include "portal/text_match.hpp"
#include "secret_text.hpp"

using namespace eimza::portal;
using bridgelink::secret_bytes;

using eimza::test::secret;
using eimza::test::text;

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
