// The portal client against the simulator over real HTTPS (certificate verified against the
// simulator's own CA): the happy path to the PIN/PUK page and every error the issue names.
#include <gtest/gtest.h>

#include <thread>

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

struct client {
  portal::portal_profile profile;
  portal::curl_http_client http;
  portal::portal_session session;
  client(test::portal_sim& sim, portal::portal_profile p = portal::builtin_profile(), int timeout_s = 10)
      : profile(std::move(p)),
        http(options(sim, timeout_s)),
        session(http, (profile.entry_url = sim.origin(), profile)) {}
  static portal::http_options options(test::portal_sim& sim, int timeout_s) {
    portal::http_options o;
    o.ca_file = sim.ca_file();
    o.request_timeout = std::chrono::seconds(timeout_s);
    o.connect_timeout = std::chrono::seconds(timeout_s);
    return o;
  }
};

bool is_png(const bridgelink::bytes& b) {
  return b.size() > 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
}

TEST(PortalClient, HappyPathReachesPinPukAndDeletes) {
  test::portal_sim sim;
  client c(sim);
  auto screen = c.session.open();
  ASSERT_TRUE(screen) << portal::code_name(screen.error());
  EXPECT_TRUE(is_png(screen->captcha_image));
  EXPECT_EQ(screen->captcha_mime, "image/png");
  EXPECT_EQ(screen->attempts_left, 3);
  EXPECT_FALSE(screen->last_try);
  auto phone = c.session.login(tckn, secret(sim.last_captcha()), secret(word));
  ASSERT_TRUE(phone) << portal::code_name(phone.error());
  EXPECT_EQ(phone->masked_phone, "05** *** ** 42");
  ASSERT_TRUE(c.session.confirm_phone());
  const auto code = sim.last_sms_code();
  ASSERT_EQ(code.size(), 6u);
  ASSERT_TRUE(c.session.submit_sms(secret(code)));
  auto info = c.session.pin_puk();
  ASSERT_TRUE(info) << portal::code_name(info.error());
  EXPECT_EQ(info->card_serial, "0036267E57013B46");
  EXPECT_EQ(text(info->pin), "482915");
  ASSERT_TRUE(info->puk);
  EXPECT_EQ(text(*info->puk), "73019264");

  EXPECT_EQ(c.session.delete_passwords(false).error(), portal::portal_errc::not_confirmed);
  EXPECT_EQ(sim.posts("delete"), 0) << "nothing sent without the person's confirmation";
  ASSERT_TRUE(c.session.delete_passwords(true));
  EXPECT_EQ(sim.posts("delete"), 1);
  EXPECT_EQ(sim.posts("delete_confirm"), 1);
  EXPECT_EQ(c.session.pin_puk().error(), portal::portal_errc::passwords_deleted);
  c.session.logout();
  EXPECT_EQ(c.session.current_state(), portal::portal_session::state::ended);
}

TEST(PortalClient, WrongCaptchaGivesANewOne) {
  test::portal_sim sim;
  client c(sim);
  auto first = c.session.open();
  ASSERT_TRUE(first);
  const auto first_image = first->captcha_image;
  auto r = c.session.login(tckn, secret("WRONG"), secret(word));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), portal::portal_errc::wrong_captcha);
  EXPECT_NE(c.session.current_login().captcha_image, first_image);
  EXPECT_EQ(c.session.current_login().attempts_left, 3) << "a wrong captcha does not cost a try";
  EXPECT_TRUE(c.session.login(tckn, secret(sim.last_captcha()), secret(word)));
}

TEST(PortalClient, ThreeWrongSecurityWordsBlockWithWarningBeforeTheLast) {
  test::portal_sim sim;
  client c(sim);
  ASSERT_TRUE(c.session.open());
  auto r1 = c.session.login(tckn, secret(sim.last_captcha()), secret("yanlış"));
  EXPECT_EQ(r1.error(), portal::portal_errc::wrong_credentials);
  EXPECT_EQ(c.session.current_login().attempts_left, 2);
  EXPECT_FALSE(c.session.current_login().last_try);
  auto r2 = c.session.login(tckn, secret(sim.last_captcha()), secret("yanlış"));
  EXPECT_EQ(r2.error(), portal::portal_errc::wrong_credentials);
  EXPECT_EQ(c.session.current_login().attempts_left, 1);
  EXPECT_TRUE(c.session.current_login().last_try) << "the person is warned before the third try";
  auto r3 = c.session.login(tckn, secret(sim.last_captcha()), secret("yanlış"));
  EXPECT_EQ(r3.error(), portal::portal_errc::account_blocked);
  EXPECT_EQ(c.session.current_state(), portal::portal_session::state::blocked);
  EXPECT_EQ(sim.posts("login"), 3);
  EXPECT_EQ(c.session.login(tckn, secret("X"), secret(word)).error(), portal::portal_errc::bad_state);
  EXPECT_EQ(sim.posts("login"), 3);
}

TEST(PortalClient, BadKimlikNoIsNeverSubmitted) {
  test::portal_sim sim;
  client c(sim);
  ASSERT_TRUE(c.session.open());
  EXPECT_EQ(c.session.login("10000000147", secret(sim.last_captcha()), secret(word)).error(),
            portal::portal_errc::bad_kimlik_no);
  EXPECT_EQ(c.session.login("12-ab", secret(sim.last_captcha()), secret(word)).error(),
            portal::portal_errc::bad_kimlik_no);
  EXPECT_EQ(sim.posts("login"), 0);
  EXPECT_TRUE(c.session.login(tckn, secret(sim.last_captcha()), secret(word)));
}

TEST(PortalClient, WrongSmsCodeThenRight) {
  test::portal_sim sim;
  client c(sim);
  ASSERT_TRUE(c.session.open());
  ASSERT_TRUE(c.session.login(tckn, secret(sim.last_captcha()), secret(word)));
  ASSERT_TRUE(c.session.confirm_phone());
  const auto code = sim.last_sms_code();
  const auto wrong = code == "000000" ? "111111" : "000000";
  EXPECT_EQ(c.session.submit_sms(secret(wrong)).error(), portal::portal_errc::wrong_sms_code);
  EXPECT_EQ(c.session.current_state(), portal::portal_session::state::sms_code);
  EXPECT_EQ(sim.posts("sms"), 1);
  EXPECT_TRUE(c.session.submit_sms(secret(code)));
  EXPECT_EQ(sim.posts("sms"), 2);
}

TEST(PortalClient, ExpiredSmsCode) {
  test::portal_sim sim({"--sms-ttl", "1"});
  client c(sim);
  ASSERT_TRUE(c.session.open());
  ASSERT_TRUE(c.session.login(tckn, secret(sim.last_captcha()), secret(word)));
  ASSERT_TRUE(c.session.confirm_phone());
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(c.session.submit_sms(secret(sim.last_sms_code())).error(), portal::portal_errc::sms_expired);
}

TEST(PortalClient, SessionExpiredMidFlow) {
  test::portal_sim sim({"--expire-after-step", "login"});
  client c(sim);
  ASSERT_TRUE(c.session.open());
  ASSERT_TRUE(c.session.login(tckn, secret(sim.last_captcha()), secret(word)));
  EXPECT_EQ(c.session.confirm_phone().error(), portal::portal_errc::session_expired);
}

TEST(PortalClient, ServerErrorOnLoginIsNotRetried) {
  test::portal_sim sim({"--fail-step", "login"});
  client c(sim);
  ASSERT_TRUE(c.session.open());
  EXPECT_EQ(c.session.login(tckn, secret(sim.last_captcha()), secret(word)).error(),
            portal::portal_errc::server_error);
  EXPECT_EQ(sim.posts("login"), 1) << "a credential POST is sent exactly once";
}

TEST(PortalClient, DroppedConnectionOnLoginIsNotRetried) {
  test::portal_sim sim({"--drop-step", "login"});
  client c(sim);
  ASSERT_TRUE(c.session.open());
  EXPECT_EQ(c.session.login(tckn, secret(sim.last_captcha()), secret(word)).error(),
            portal::portal_errc::network);
  EXPECT_EQ(sim.posts("login"), 1) << "a credential POST is sent exactly once";
}

TEST(PortalClient, ServerErrorOnEntryAfterGetRetries) {
  test::portal_sim sim({"--fail-step", "entry"});
  client c(sim);
  EXPECT_EQ(c.session.open().error(), portal::portal_errc::server_error);
}

TEST(PortalClient, SlowPortalTimesOut) {
  test::portal_sim sim({"--slow-captcha-ms", "3000"});
  client c(sim, portal::builtin_profile(), 1);
  EXPECT_EQ(c.session.open().error(), portal::portal_errc::timeout);
}

// A portal that is slow to answer (issue #17: "portal slow" is a pause the person is told about):
// the client says so once the answer takes longer than slow_after, and again when it came.
TEST(PortalClient, SlowAnswerIsReportedAndItsEnd) {
  test::portal_sim sim({"--slow-captcha-ms", "2500"});
  auto o = client::options(sim, 10);
  std::vector<bool> said;
  o.slow_after = std::chrono::seconds(1);
  o.on_slow = [&said](bool slow) { said.push_back(slow); };
  auto profile = portal::builtin_profile();
  profile.entry_url = sim.origin();
  portal::curl_http_client http(o);
  portal::portal_session s(http, profile);
  ASSERT_TRUE(s.open());
  EXPECT_EQ(said, (std::vector<bool>{true, false})) << "slow once (the captcha), then back";
}

TEST(PortalClient, UntrustedCertificateIsRefused) {
  test::portal_sim sim;
  auto profile = portal::builtin_profile();
  profile.entry_url = sim.origin();
  portal::curl_http_client http(portal::http_options{});  // system trust store only
  portal::portal_session s(http, profile);
  EXPECT_EQ(s.open().error(), portal::portal_errc::tls);
}

TEST(PortalClient, PortalDown) {
  auto profile = portal::builtin_profile();
  profile.entry_url = "https://127.0.0.1:9/";  // discard port: nothing listens
  portal::http_options o;
  o.get_retries = 0;
  portal::curl_http_client http(o);
  portal::portal_session s(http, profile);
  EXPECT_EQ(s.open().error(), portal::portal_errc::network);
}

TEST(PortalClient, SecondProfileAndOtherMarkupWithoutCodeChange) {
  test::portal_sim sim({"--markup", "alt"});
  client c(sim, portal::load_profile(EIMZA_ALT_PROFILE));
  auto screen = c.session.open();
  ASSERT_TRUE(screen) << portal::code_name(screen.error());
  auto bad = c.session.login(tckn, secret(sim.last_captcha()), secret("yanlış"));
  EXPECT_EQ(bad.error(), portal::portal_errc::wrong_credentials);
  EXPECT_EQ(c.session.current_login().attempts_left, 2);
  auto phone = c.session.login(tckn, secret(sim.last_captcha()), secret(word));
  ASSERT_TRUE(phone) << portal::code_name(phone.error());
  ASSERT_TRUE(c.session.confirm_phone());
  ASSERT_TRUE(c.session.submit_sms(secret(sim.last_sms_code())));
  auto info = c.session.pin_puk();
  ASSERT_TRUE(info) << portal::code_name(info.error());
  EXPECT_EQ(info->card_serial, "0036267E57013B46");
  EXPECT_EQ(text(info->pin), "482915");
  ASSERT_TRUE(c.session.delete_passwords(true));
}

TEST(PortalClient, TooManyWrongSmsCodesEndTheSession) {
  test::portal_sim sim;
  client c(sim);
  ASSERT_TRUE(c.session.open());
  ASSERT_TRUE(c.session.login(tckn, secret(sim.last_captcha()), secret(word)));
  ASSERT_TRUE(c.session.confirm_phone());
  const auto wrong = sim.last_sms_code() == "000000" ? "111111" : "000000";
  EXPECT_EQ(c.session.submit_sms(secret(wrong)).error(), portal::portal_errc::wrong_sms_code);
  EXPECT_EQ(c.session.submit_sms(secret(wrong)).error(), portal::portal_errc::wrong_sms_code);
  EXPECT_EQ(c.session.submit_sms(secret(wrong)).error(), portal::portal_errc::session_expired);
}

}  // namespace
