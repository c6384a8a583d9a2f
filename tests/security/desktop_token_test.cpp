// Finding (Low): the tray's "Show QR" passed the desktop page's token to xdg-open (readable by
// other local users in /proc/<pid>/cmdline); the token stayed in the browser history and was
// reusable. Now: one-time links swapped for an HttpOnly SameSite=Strict cookie, handed to the
// browser through a 0600 file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "card/certificate.hpp"
#include "child_process.hpp"
#include "journey/desktop_page.hpp"
#include "journey/journey_text.hpp"
#include "platform/open_url.hpp"

using namespace eimza;

namespace {

struct page_fixture {
  boost::asio::io_context io;
  journey::status_board board;
  journey::desktop_page page{io, board, "session-secret-0123456789abcdef", 0};
  std::thread t{[this] {
    auto guard = boost::asio::make_work_guard(io);
    io.run();
  }};
  ~page_fixture() {
    page.stop();
    io.stop();
    t.join();
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(page.port()); }
};

// curl -i: the status line and headers, then the body.
std::string curl(const std::string& args) {
  int rc = 0;
  return test::run_capture("curl -s -i --max-time 5 " + args, rc);
}

TEST(DesktopToken, OneTimeLinkBecomesAnHttpOnlyCookie) {
  page_fixture f;
  const auto link = f.page.url();
  ASSERT_NE(link.find("/?c="), std::string::npos);
  EXPECT_EQ(link.find("session-secret"), std::string::npos) << "the session itself is never in a link";
  const auto first = curl("'" + link + "'");
  EXPECT_NE(first.find("303"), std::string::npos) << first;
  EXPECT_NE(
      first.find(
          "Set-Cookie: eimza_desktop=session-secret-0123456789abcdef; Path=/; HttpOnly; SameSite=Strict"),
      std::string::npos)
      << first;
  const auto again = curl("'" + link + "'");
  EXPECT_NE(again.find("401"), std::string::npos) << "a used link opens nothing: " << again;
  EXPECT_EQ(again.find("Set-Cookie"), std::string::npos);
}

TEST(DesktopToken, PageAndApiNeedTheCookie) {
  page_fixture f;
  const std::string cookie = "-H 'Cookie: eimza_desktop=session-secret-0123456789abcdef' ";
  EXPECT_NE(curl("'" + f.base() + "/'").find("401"), std::string::npos);
  EXPECT_NE(curl("-H 'X-Desktop: 1' '" + f.base() + "/api/state'").find("401"), std::string::npos);
  EXPECT_NE(curl(cookie + "-H 'X-Desktop: 1' '" + f.base() + "/api/state'").find("200 OK"),
            std::string::npos);
  EXPECT_NE(curl(cookie + "'" + f.base() + "/api/state'").find("401"), std::string::npos) << "the header too";
  EXPECT_NE(curl(cookie + "-H 'X-Desktop: 1' -H 'Origin: https://evil.example' '" + f.base() + "/api/state'")
                .find("403"),
            std::string::npos);
  EXPECT_NE(
      curl("-H 'Cookie: eimza_desktop=guess' -H 'X-Desktop: 1' '" + f.base() + "/api/state'").find("401"),
      std::string::npos);
  // An old-style token in the query opens nothing.
  EXPECT_NE(curl("'" + f.base() + "/?t=session-secret-0123456789abcdef'").find("401"), std::string::npos);
}

TEST(DesktopToken, TheTrayHandsTheLinkOverInAPrivateFileNotOnACommandLine) {
  page_fixture f;
  const auto link = f.page.url();
  const auto file = platform::write_launch_file(link);
  ASSERT_FALSE(file.empty());
  const auto code = link.substr(link.find("c=") + 2);
  EXPECT_EQ(file.find(code), std::string::npos) << "xdg-open gets only the file's path";
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(std::filesystem::path(file).parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find("url=" + link), std::string::npos);
  EXPECT_TRUE(platform::write_launch_file("javascript:alert(1)").empty());
  EXPECT_TRUE(platform::write_launch_file("http://x/\"><script>").empty());
  std::filesystem::remove(file);
}

}  // namespace

// The desktop page no longer asks every 500 ms: GET /api/state?after=<version> is held until the
// board moves on, and only for a session (nothing else can hold a connection open).
TEST(DesktopPage, StateIsHeldUntilTheBoardMovesOn) {
  page_fixture f;
  const std::string auth = "-H 'Cookie: eimza_desktop=session-secret-0123456789abcdef' -H 'X-Desktop: 1' ";
  const auto now = f.board.snapshot().version;
  const auto url = "'" + f.base() + "/api/state?after=" + std::to_string(now) + "'";
  auto held = std::async(std::launch::async, [&] { return curl(auth + url); });
  EXPECT_EQ(held.wait_for(std::chrono::milliseconds(500)), std::future_status::timeout)
      << "answered at once although nothing changed";
  f.board.set(journey::stage::waiting_phone, journey::journey_text::scan_qr);
  ASSERT_EQ(held.wait_for(std::chrono::seconds(4)), std::future_status::ready)
      << "the change did not answer it";
  const auto answer = held.get();
  EXPECT_NE(answer.find("200 OK"), std::string::npos) << answer;
  EXPECT_NE(answer.find("\"stage\":\"waiting_phone\""), std::string::npos) << answer;
  // An older version is answered at once; so is a request without the session (401, never held).
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NE(curl(auth + url).find("waiting_phone"), std::string::npos);
  const auto later = "'" + f.base() + "/api/state?after=" + std::to_string(f.board.snapshot().version) + "'";
  EXPECT_NE(curl("-H 'X-Desktop: 1' " + later).find("401"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

// What to build, 3: header timeouts on every listener, the desktop page's included. A request head
// that never ends (slowloris) does not hold the connection: it is closed after 10 s.
TEST(DesktopPage, RequestHeadThatNeverEndsIsCutOff) {
  page_fixture f;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket s(io);
  s.connect({boost::asio::ip::make_address("127.0.0.1"), f.page.port()});
  const std::string partial = "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  boost::asio::write(s, boost::asio::buffer(partial));
  const auto start = std::chrono::steady_clock::now();
  char byte = 0;
  boost::system::error_code ec;
  (void)s.read_some(boost::asio::buffer(&byte, 1), ec);  // blocks until the page closes it
  const auto held = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset) << ec.message();
  EXPECT_GT(held, std::chrono::seconds(5)) << "not cut before a slow client had a fair chance";
  EXPECT_LT(held, std::chrono::seconds(15));
}

// What the page needs to say where things stand (issue #17): the step, the card's facts, and the
// pauses — a slow portal, a pulled card — without any secret.
TEST(DesktopPage, StateCarriesTheStepTheCardAndThePauses) {
  page_fixture f;
  const std::string auth = "-H 'Cookie: eimza_desktop=session-secret-0123456789abcdef' -H 'X-Desktop: 1' ";
  const auto state = [&] { return curl(auth + "'" + f.base() + "/api/state'"); };
  f.board.set_card({"AYŞE YILMAZ", "1*******146", "0036267E57013B46", "2026-11-20", "2029-11-29", "valid",
                    eimza::card::nes_verdict::kamu_sm_nes});
  f.board.set_step(journey::journey_step::sms_code);
  f.board.set(journey::stage::portal, journey::journey_text::logging_in);
  f.board.set_portal_slow(true);
  auto s = state();
  EXPECT_NE(s.find("\"step\":\"sms_code\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"paused\":\"portal\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"serial\":\"0036267E57013B46\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"tckn_masked\":\"1*******146\""), std::string::npos) << s;
  EXPECT_NE(s.find("\"verdict_en\":\""), std::string::npos) << s;
  f.board.set_portal_slow(false);
  f.board.set(journey::stage::waiting_card, journey::journey_text::card_pulled);
  s = state();
  EXPECT_NE(s.find("\"paused\":\"card\""), std::string::npos) << s;
}
