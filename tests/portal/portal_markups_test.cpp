// The same portal flow against every simulator markup — built-in kamusm and alt, and the ordinary
// variations in simulator/portal/markups/*.json (postback links, labels in table cells or before
// the input, image buttons, captcha outside the form / inline / as a CSS background next to an
// info icon, PIN/PUK in wide rows, header rows, dl or readonly inputs padded with &nbsp;,
// windows-1254 and ISO-8859-9 pages, a refresh after every POST, messages only in alert(),
// upper-case messages, NFD text, a form with a selected option and checked radios) — with the
// profile as the only change. Six scenarios each: happy path, wrong captcha, wrong security word
// with attempts left, lockout, wrong SMS code, delete.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>

#include <filesystem>
#include <fstream>

#include "portal/portal_session.hpp"
#include "portal_sim_process.hpp"

using namespace eimza;
using bridgelink::secret_bytes;

namespace {

const std::string tckn = "10000000146";
const std::string word = "çiğdem";

secret_bytes secret(std::string_view s) {
  return secret_bytes(bridgelink::as_bytes(s));
}
std::string text(const secret_bytes& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}

struct markup_case {
  std::string name, markup, profile;  // profile empty: the built-in Kamu SM profile
};

std::vector<markup_case> cases() {
  const std::string m = EIMZA_MARKUPS_DIR, p = EIMZA_PROFILES_DIR;
  std::vector<markup_case> out{{"kamusm", "kamusm", ""}, {"alt", "alt", p + "/alt.json"}};
  for (const char* n : {"aspnet", "legacy-1254", "latin5-upper", "modern-nfd", "alt-variant"})
    out.push_back({n, m + "/" + n + ".json", p + "/" + n + ".json"});
  return out;
}

class Markup : public ::testing::TestWithParam<markup_case> {
 protected:
  void SetUp() override {
    sim_ = std::make_unique<test::portal_sim>(std::vector<std::string>{"--markup", GetParam().markup});
    profile_ =
        GetParam().profile.empty() ? portal::builtin_profile() : portal::load_profile(GetParam().profile);
    profile_.entry_url = sim_->origin();
    portal::http_options o;
    o.ca_file = sim_->ca_file();
    http_ = std::make_unique<portal::curl_http_client>(o);
    session_ = std::make_unique<portal::portal_session>(*http_, profile_);
  }
  std::string why() const { return session_->last_problem(); }
  std::unique_ptr<test::portal_sim> sim_;
  portal::portal_profile profile_;
  std::unique_ptr<portal::curl_http_client> http_;
  std::unique_ptr<portal::portal_session> session_;
};

TEST_P(Markup, HappyPathWithWrongCaptchaWrongWordWrongSmsAndDelete) {
  auto& s = *session_;
  auto screen = s.open();
  ASSERT_TRUE(screen) << portal::code_name(screen.error()) << ": " << why();
  EXPECT_EQ(screen->captcha_mime, "image/png");
  EXPECT_GT(screen->captcha_image.size(), 100u) << "the captcha, not an icon";
  // Wrong captcha: a new picture, no try spent.
  EXPECT_EQ(s.login(tckn, secret("WRONG"), secret(word)).error(), portal::portal_errc::wrong_captcha)
      << why();
  EXPECT_EQ(s.current_login().attempts_left, 3);
  // Wrong security word: the portal's count.
  EXPECT_EQ(s.login(tckn, secret(sim_->last_captcha()), secret("yanlış")).error(),
            portal::portal_errc::wrong_credentials)
      << why();
  EXPECT_EQ(s.current_login().attempts_left, 2);
  EXPECT_FALSE(s.current_login().last_try);
  auto phone = s.login(tckn, secret(sim_->last_captcha()), secret(word));
  ASSERT_TRUE(phone) << portal::code_name(phone.error()) << ": " << why();
  EXPECT_EQ(phone->masked_phone, "05** *** ** 42");
  ASSERT_TRUE(s.confirm_phone()) << why();
  const auto code = sim_->last_sms_code();
  const auto wrong = code == "000000" ? "111111" : "000000";
  EXPECT_EQ(s.submit_sms(secret(wrong)).error(), portal::portal_errc::wrong_sms_code) << why();
  ASSERT_TRUE(s.submit_sms(secret(code))) << why();
  auto info = s.pin_puk();
  ASSERT_TRUE(info) << portal::code_name(info.error()) << ": " << why();
  EXPECT_EQ(info->card_serial, "0036267E57013B46");
  EXPECT_EQ(text(info->pin), "482915");
  ASSERT_TRUE(info->puk);
  EXPECT_EQ(text(*info->puk), "73019264");
  ASSERT_TRUE(s.delete_passwords(true)) << why();
  EXPECT_EQ(sim_->posts("delete_confirm"), 1);
  EXPECT_EQ(s.pin_puk().error(), portal::portal_errc::passwords_deleted);
  EXPECT_EQ(sim_->posts("login"), 3) << "each login sent once";
  EXPECT_EQ(sim_->posts("sms"), 2);
}

TEST_P(Markup, ThreeWrongWordsLockWithTheLastTrySaid) {
  auto& s = *session_;
  ASSERT_TRUE(s.open()) << why();
  EXPECT_EQ(s.login(tckn, secret(sim_->last_captcha()), secret("yanlış")).error(),
            portal::portal_errc::wrong_credentials);
  EXPECT_EQ(s.current_login().attempts_left, 2);
  EXPECT_EQ(s.login(tckn, secret(sim_->last_captcha()), secret("yanlış")).error(),
            portal::portal_errc::wrong_credentials);
  EXPECT_EQ(s.current_login().attempts_left, 1);
  EXPECT_TRUE(s.current_login().last_try);
  EXPECT_EQ(s.login(tckn, secret(sim_->last_captcha()), secret("yanlış")).error(),
            portal::portal_errc::account_blocked)
      << why();
  EXPECT_EQ(s.current_state(), portal::portal_session::state::blocked);
  EXPECT_EQ(sim_->posts("login"), 3);
}

INSTANTIATE_TEST_SUITE_P(Portal, Markup, ::testing::ValuesIn(cases()), [](const auto& param_info) {
  std::string n = param_info.param.name;
  for (auto& c : n)
    if (c == '-') c = '_';
  return n;
});

}  // namespace

namespace {

// The bridge these tests run: ours, or EIMZA_BRIDGE_UNDER_TEST (e.g. "wine …/bridge.exe": scripts/windows
// runs them against the Windows build, which reaches this Linux simulator over loopback).
std::string bridge_command() {
  const char* other = std::getenv("EIMZA_BRIDGE_UNDER_TEST");
  return other && *other ? other : EIMZA_BRIDGE;
}

// `bridge portal-check` against the simulator and against saved pages.
TEST(PortalCheck, LiveShowsWhatTheProfileFindsAndSendsNothing) {
  test::portal_sim sim({"--markup", std::string(EIMZA_MARKUPS_DIR) + "/aspnet.json"});
  const std::string base =
      bridge_command() + " portal-check --portal-url " + sim.named_origin() + " --portal-ca " + sim.ca_file();
  int rc = 0;
  auto out = test::run_capture(base + " --profile " + EIMZA_PROFILES_DIR + "/aspnet.json", rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("[found  ] login.submit \"Giriş Yap\""), std::string::npos) << out;
  EXPECT_NE(out.find("No credential was sent"), std::string::npos) << out;
  // The built-in profile does not know this portal's button: the report says which item and what is there.
  out = test::run_capture(base, rc);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("[MISSING] login.submit \"Giriş\""), std::string::npos) << out;
  EXPECT_NE(out.find("seen links: \"Giriş Yap\" (postback)"), std::string::npos) << out;
  EXPECT_EQ(sim.posts("login"), 0) << "nothing submitted";
}

TEST(PortalCheck, SavedPagesShapesOnlyNeverValues) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("eimza-portal-check-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "pinpuk.html")
      << R"(<html><head><meta charset="windows-1254"><title>PIN ve PUK Bilgileri</title></head>
    <body><table><tr><td>Kart Seri Numaras)"
      << "\xfd"
      << R"(</td><td>0036267E57013B46</td></tr>
    <tr><td>PIN</td><td>&nbsp;482915&nbsp;</td></tr><tr><td>PUK</td><td>73019264</td></tr></table>
    <a href="/sil">Parolalar)"
      << "\xfd"
      << R"(m)"
      << "\xfd"
      << R"( Sil</a></body></html>)";
  int rc = 0;
  const auto out =
      test::run_capture(bridge_command() + " portal-check --html " + (dir / "pinpuk.html").string(), rc);
  EXPECT_NE(out.find("Screen 1: pin_puk"), std::string::npos) << out;
  EXPECT_NE(out.find("[found  ] pin_puk.pin \"PIN\": value of 6 characters, all digits"), std::string::npos)
      << out;
  EXPECT_NE(out.find("[found  ] pin_puk.delete"), std::string::npos) << out;
  for (const char* secret_value : {"482915", "73019264"})
    EXPECT_EQ(out.find(secret_value), std::string::npos) << out;
  std::filesystem::remove_all(dir);
}

}  // namespace
