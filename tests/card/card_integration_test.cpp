// The card layer against the real stack: pcscd + vsmartcard-vpcd + our virtual card process.
// ctest starts pcscd (fixture "pcscd") before these tests and stops it after.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <condition_variable>
#include <mutex>

#include "card/apdu_card.hpp"
#include "card/card_report.hpp"
#include "card/pcsc.hpp"
#include "card/reader_watch.hpp"
#include "card_fixture_files.hpp"
#include "child_process.hpp"

using namespace eimza;
using namespace std::chrono_literals;

namespace {

const std::string reader = "Virtual PCD 00 00";

// Waits until pcscd reports the reader empty (the previous test's card process is gone).
bool wait_absent(std::chrono::milliseconds timeout) {
  auto ctx = card::pcsc_context::establish();
  if (!ctx) return false;
  const auto end = std::chrono::steady_clock::now() + timeout;
  SCARD_READERSTATE rs{};
  rs.szReader = reader.c_str();
  rs.dwCurrentState = SCARD_STATE_UNAWARE;
  while (std::chrono::steady_clock::now() < end) {
    const LONG rv = SCardGetStatusChange(ctx->handle(), 200, &rs, 1);
    if (rv == SCARD_S_SUCCESS && (rs.dwEventState & SCARD_STATE_EMPTY)) return true;
    if (rv == SCARD_S_SUCCESS) rs.dwCurrentState = rs.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
  }
  return false;
}

std::unique_ptr<test::child_process> insert_card(const test::card_files& f, std::vector<std::string> extra = {}) {
  EXPECT_TRUE(wait_absent(10s)) << "a card from an earlier test is still in the reader";
  std::vector<std::string> argv{EIMZA_VIRTUAL_CARD, "--fixture", f.json.string(), "--port", "35963"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return std::make_unique<test::child_process>(argv, (f.dir / "virtual-card.log").string());
}

class events {
 public:
  void push(const card::reader_event& e) {
    std::lock_guard lk(m_);
    seen_.push_back(e);
    cv_.notify_all();
  }
  /// Waits for an event of kind on our reader after the ones already consumed.
  bool wait_for(card::reader_event::kind k, std::chrono::milliseconds timeout) {
    std::unique_lock lk(m_);
    return cv_.wait_for(lk, timeout, [&] {
      for (; next_ < seen_.size(); ++next_)
        if (seen_[next_].what == k && seen_[next_].reader == reader) {
          ++next_;
          return true;
        }
      return false;
    });
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<card::reader_event> seen_;
  std::size_t next_ = 0;
};

card::card_result<card::card_summary> read_now() {
  auto ctx = card::pcsc_context::establish();
  if (!ctx) return ctx.error();
  auto ch = card::pcsc_channel::connect(*ctx, reader);
  if (!ch) return ch.error();
  card::apdu_card c(*ch);
  return c.read_summary();
}

card::card_result<std::string> wait_present(std::chrono::seconds t) {
  auto ctx = card::pcsc_context::establish();
  if (!ctx) return ctx.error();
  return ctx->wait_for_card(reader, t, {});
}

TEST(CardOverPcsc, InsertReadRemoveReinsert) {
  test::card_files f;
  test::write_card_files(f, "cycle");
  events ev;
  card::reader_watch watch([&](const card::reader_event& e) { ev.push(e); });
  ASSERT_EQ(watch.start(), card::card_errc{});

  auto card_proc = insert_card(f);
  ASSERT_TRUE(ev.wait_for(card::reader_event::kind::card_inserted, 10s)) << "no insertion event";
  auto s = read_now();
  ASSERT_TRUE(s) << card::code_name(s.error());
  EXPECT_EQ(s->serial, f.serial);
  EXPECT_EQ(s->reader, reader);
  EXPECT_EQ(s->family, card::card_family::akis_v1);
  ASSERT_EQ(s->certificates.size(), 1u);
  EXPECT_EQ(s->certificates[0].tckn.value(), f.tckn);
  EXPECT_EQ(s->pin.retries_left.value(), 3);

  card_proc->stop();
  ASSERT_TRUE(ev.wait_for(card::reader_event::kind::card_removed, 10s)) << "no removal event";
  auto gone = read_now();
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error(), card::card_errc::no_card);

  card_proc = insert_card(f);
  ASSERT_TRUE(ev.wait_for(card::reader_event::kind::card_inserted, 10s)) << "no re-insertion event";
  auto again = read_now();
  ASSERT_TRUE(again) << card::code_name(again.error());
  EXPECT_EQ(again->serial, f.serial);

  const auto t0 = std::chrono::steady_clock::now();
  watch.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s) << "SCardCancel must wake the watch thread";
  std::filesystem::remove_all(f.dir);
}

TEST(CardOverPcsc, RemovedMidRead) {
  test::card_files f;
  test::write_card_files(f, "midread");
  auto card_proc = insert_card(f, {"--remove-after-apdus", "4"});
  ASSERT_TRUE(wait_present(10s));
  auto s = read_now();
  ASSERT_FALSE(s);
  EXPECT_TRUE(s.error() == card::card_errc::card_removed || s.error() == card::card_errc::no_card)
      << card::code_name(s.error());
  std::filesystem::remove_all(f.dir);
}

TEST(CardOverPcsc, ChangePinOnce) {
  test::card_files f;
  test::write_card_files(f, "pin");
  auto card_proc = insert_card(f);
  ASSERT_TRUE(wait_present(10s));
  auto ctx = card::pcsc_context::establish();
  ASSERT_TRUE(ctx);
  auto ch = card::pcsc_channel::connect(*ctx, reader);
  ASSERT_TRUE(ch);
  card::apdu_card c(*ch);
  using bridgelink::secret_bytes;
  auto wrong = c.change_pin(secret_bytes(bridgelink::as_bytes("999999")), secret_bytes(bridgelink::as_bytes("246810")));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error(), card::card_errc::pin_wrong);
  EXPECT_EQ(c.read_summary()->pin.retries_left.value(), 2);
  EXPECT_TRUE(c.change_pin(secret_bytes(bridgelink::as_bytes(f.pin)), secret_bytes(bridgelink::as_bytes("246810"))));
  EXPECT_EQ(c.read_summary()->pin.retries_left.value(), 3);
  std::filesystem::remove_all(f.dir);
}

boost::json::object bridge_card_json(const std::string& extra, int& rc) {
  auto out = test::run_capture(std::string(EIMZA_BRIDGE) + " card --json --reader '" + reader + "' " + extra, rc);
  return boost::json::parse(out).as_object();
}

TEST(BridgeCardCli, JsonShowsFixtureSerialTcknValidity) {
  test::card_files f;
  test::write_card_files(f, "cli");
  auto card_proc = insert_card(f);
  int rc = 0;
  auto j = bridge_card_json("--wait 10", rc);
  ASSERT_EQ(rc, 0) << boost::json::serialize(j);
  EXPECT_EQ(j.at("serial").as_string(), f.serial);
  const auto& cert = j.at("certificates").as_array().at(0).as_object();
  EXPECT_EQ(cert.at("tckn").as_string(), f.tckn);
  EXPECT_EQ(cert.at("validity").as_string(), "valid");
  EXPECT_EQ(cert.at("not_before").as_string(), card::utc_date(f.cert.not_before));
  EXPECT_EQ(cert.at("not_after").as_string(), card::utc_date(f.cert.not_after));
  EXPECT_EQ(cert.at("nes").as_string(), "nes_individual");
  EXPECT_EQ(j.at("pin").as_object().at("retries_left").as_int64(), 3);
  std::filesystem::remove_all(f.dir);
}

TEST(BridgeCardCli, RenewalCardNotYetValidIsSaidPlainly) {
  test::card_files f;
  f.cert.not_before = test::now_unix() + 15 * test::day;
  f.cert.not_after = test::now_unix() + 3 * 365 * test::day;
  test::write_card_files(f, "renewal");
  auto card_proc = insert_card(f);
  int rc = 0;
  auto j = bridge_card_json("--wait 10", rc);
  ASSERT_EQ(rc, 0);
  EXPECT_EQ(j.at("certificates").as_array().at(0).as_object().at("validity").as_string(), "not_yet_valid");
  const auto warnings = boost::json::serialize(j.at("warnings"));
  EXPECT_NE(warnings.find("not valid yet"), std::string::npos) << warnings;
  std::filesystem::remove_all(f.dir);
}

TEST(BridgeCardCli, NoCardTimesOutClearly) {
  ASSERT_TRUE(wait_absent(10s));
  int rc = 0;
  auto j = bridge_card_json("--wait 2", rc);
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(j.at("error").as_string(), "timeout");
}

}  // namespace
