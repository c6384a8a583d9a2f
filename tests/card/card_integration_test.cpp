// The card layer against the real stack: pcscd + vsmartcard-vpcd + our virtual card process.
// ctest starts pcscd (fixture "pcscd") before these tests and stops it after.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <condition_variable>
#include <fstream>
#include <mutex>

#include "card/apdu_card.hpp"
#include "card/card_report.hpp"
#include "card/open_card.hpp"
#include "card/pcsc.hpp"
#include "card/pkcs11_card.hpp"
#include "card/reader_watch.hpp"
#include "card_fixture_files.hpp"
#include "child_process.hpp"
#include "softhsm_token.hpp"

using namespace eimza;
using namespace std::chrono_literals;

namespace {

const std::string reader = "Virtual PCD 00 00";

// Waits until pcscd reports the reader empty (the previous test's card process is gone).
bool wait_absent(std::chrono::milliseconds timeout, const std::string& which = reader) {
  auto ctx = card::pcsc_context::establish();
  if (!ctx) return false;
  const auto end = std::chrono::steady_clock::now() + timeout;
  SCARD_READERSTATE rs{};
  rs.szReader = which.c_str();
  rs.dwCurrentState = SCARD_STATE_UNAWARE;
  while (std::chrono::steady_clock::now() < end) {
    const LONG rv = SCardGetStatusChange(ctx->handle(), 200, &rs, 1);
    if (rv == SCARD_S_SUCCESS && (rs.dwEventState & SCARD_STATE_EMPTY)) return true;
    if (rv == SCARD_S_SUCCESS) rs.dwCurrentState = rs.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
  }
  return false;
}

std::unique_ptr<test::child_process> insert_card(const test::card_files& f,
                                                 std::vector<std::string> extra = {}) {
  EXPECT_TRUE(wait_absent(10s)) << "a card from an earlier test is still in the reader";
  std::filesystem::remove(f.dir / "apdu.log");
  std::vector<std::string> argv{EIMZA_VIRTUAL_CARD, "--fixture", f.json.string(), "--port", "35963",
                                "--netns",          "pcscd"};
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
  // The reader empty before the watch starts: a card an earlier test left would be reported as
  // inserted first, and read after it had gone.
  ASSERT_TRUE(wait_absent(10s)) << "a card from an earlier test is still in the reader";
  events ev;
  card::reader_watch watch([&](const card::reader_event& e) { ev.push(e); });
  ASSERT_EQ(watch.start(), card::card_errc{});

  auto card_proc = insert_card(f);
  ASSERT_TRUE(ev.wait_for(card::reader_event::kind::card_inserted, 10s)) << "no insertion event";
  auto s = read_now();
  ASSERT_TRUE(s) << card::code_name(s.error());
  EXPECT_EQ(s->serial, f.serial);
  EXPECT_EQ(s->reader, reader);
  EXPECT_EQ(s->family, card::card_family::virtual_card);
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
  auto wrong = c.change_pin(secret_bytes(bridgelink::as_bytes("999999")),
                            secret_bytes(bridgelink::as_bytes("246810")));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error(), card::card_errc::pin_wrong);
  EXPECT_EQ(c.read_summary()->pin.retries_left.value(), 2);
  EXPECT_TRUE(
      c.change_pin(secret_bytes(bridgelink::as_bytes(f.pin)), secret_bytes(bridgelink::as_bytes("246810"))));
  EXPECT_EQ(c.read_summary()->pin.retries_left.value(), 3);
  std::filesystem::remove_all(f.dir);
}

boost::json::object bridge_card_json(const std::string& extra, int& rc) {
  auto out =
      test::run_capture(std::string(EIMZA_BRIDGE) + " card --json --reader '" + reader + "' " + extra, rc);
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
  EXPECT_EQ(cert.at("nes").as_string(), "kamu_sm_nes");
  EXPECT_TRUE(cert.at("signing").as_bool());
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

namespace {

// --- Real-shaped cards (issue #12) -------------------------------------------------------------

// What the card received, from the virtual card's --apdu-log: one "cla ins p1 p2" per line.
std::vector<std::uint8_t> instructions_received(const test::card_files& f) {
  std::ifstream in(f.dir / "apdu.log");
  std::vector<std::uint8_t> ins;
  for (std::string line; std::getline(in, line);)
    if (line.size() >= 4) ins.push_back(static_cast<std::uint8_t>(std::stoi(line.substr(2, 2), nullptr, 16)));
  return ins;
}

std::unique_ptr<test::child_process> insert_logged(const test::card_files& f) {
  return insert_card(f, {"--apdu-log", (f.dir / "apdu.log").string()});
}

// Real cards get no raw PIN command: neither VERIFY (20) nor CHANGE REFERENCE DATA (24).
void expect_no_pin_commands(const test::card_files& f, const std::string& what) {
  for (auto i : instructions_received(f)) {
    EXPECT_NE(i, 0x20) << what << ": VERIFY sent";
    EXPECT_NE(i, 0x24) << what << ": CHANGE REFERENCE DATA sent";
  }
}

TEST(RealShapedCards, VerdictForProductionTestAndRenewalInBothKeyTypes) {
  struct variant {
    const char* name;
    test::cert_profile profile;
    bool renewal;
    const char* nes;
    const char* validity;
    const char* warning;  // in the English warnings, or "" for none
  };
  const variant variants[] = {
      {"production", test::cert_profile::kamu_sm_nes, false, "kamu_sm_nes", "valid", ""},
      {"test", test::cert_profile::kamu_sm_test, false, "test", "valid", "TEST certificate"},
      {"renewal", test::cert_profile::kamu_sm_nes, true, "kamu_sm_nes", "not_yet_valid", "not valid yet"},
  };
  for (const auto& v : variants)
    for (auto key : {test::key_kind::rsa_2048, test::key_kind::ec_p384}) {
      const std::string label =
          std::string(v.name) + (key == test::key_kind::rsa_2048 ? " RSA-2048" : " EC-384");
      test::card_files f;
      f.cert.profile = v.profile;
      f.cert.key = key;
      if (v.renewal) {
        f.cert.not_before = test::now_unix() + 15 * test::day;
        f.cert.not_after = test::now_unix() + 3 * 365 * test::day;
      }
      test::write_card_files(f, v.name);
      auto card_proc = insert_card(f);
      int rc = 0;
      auto j = bridge_card_json("--wait 10", rc);
      ASSERT_EQ(rc, 0) << label << ": " << boost::json::serialize(j);
      const auto& cert = j.at("certificates").as_array().at(0).as_object();
      EXPECT_EQ(cert.at("nes").as_string(), v.nes) << label;
      EXPECT_EQ(cert.at("validity").as_string(), v.validity) << label;
      EXPECT_EQ(cert.at("key").as_string(), key == test::key_kind::rsa_2048 ? "RSA-2048" : "EC-384") << label;
      const auto warnings = boost::json::serialize(j.at("warnings"));
      if (*v.warning) {
        EXPECT_NE(warnings.find(v.warning), std::string::npos) << label << ": " << warnings;
      } else {
        EXPECT_EQ(warnings.find("NES"), std::string::npos) << label << ": " << warnings;
      }
      card_proc->stop();
      std::filesystem::remove_all(f.dir);
    }
}

TEST(RealShapedCards, SigningCertificateChosenWhenAnAuthenticationOneComesFirst) {
  test::card_files f;
  f.before.push_back({.profile = test::cert_profile::authentication, .key = test::key_kind::rsa_2048});
  f.cert.key = test::key_kind::ec_p384;
  test::write_card_files(f, "two-certs");
  auto card_proc = insert_card(f);
  int rc = 0;
  auto j = bridge_card_json("--wait 10", rc);
  ASSERT_EQ(rc, 0) << boost::json::serialize(j);
  const auto& certs = j.at("certificates").as_array();
  ASSERT_EQ(certs.size(), 2u);
  EXPECT_EQ(certs.at(0).as_object().at("nes").as_string(), "not_qualified");
  EXPECT_EQ(j.at("signing_certificate").as_int64(), 1);
  EXPECT_EQ(j.at("choice_reason").as_string(), "qualified_non_repudiation");
  std::filesystem::remove_all(f.dir);
}

TEST(RealShapedCards, UnknownCardIsReadOnlyOverTheRealLayout) {
  test::card_files f;
  f.atr = "3B0401020304";  // no AKIS ATR, no virtual-card marker
  test::write_card_files(f, "unknown-atr");
  auto card_proc = insert_logged(f);
  int rc = 0;
  auto j = bridge_card_json("--wait 10", rc);
  ASSERT_EQ(rc, 0) << boost::json::serialize(j);
  EXPECT_EQ(j.at("source").as_string(), "pcsc");
  EXPECT_EQ(j.at("serial").as_string(), f.serial);
  EXPECT_FALSE(j.at("pin").as_object().at("known").as_bool());
  EXPECT_EQ(j.at("certificates").as_array().at(0).as_object().at("nes").as_string(), "kamu_sm_nes");
  card_proc->stop();
  const auto ins = instructions_received(f);
  ASSERT_FALSE(ins.empty());
  for (auto i : ins)
    EXPECT_TRUE(i == 0xA4 || i == 0xB0) << "instruction " << int(i) << " sent to a card that is not ours";
  std::filesystem::remove_all(f.dir);
}

// akisp11 where the vendor installs it; the test removes it again. Needs root, as CI runs.
class installed_akisp11 {
 public:
  explicit installed_akisp11(const std::filesystem::path& where) : path_(where) {
    if (std::filesystem::exists(path_)) return;  // a real install: leave it alone
    std::error_code ec;
    std::filesystem::copy_file(EIMZA_AKISP11_STANDIN, path_, ec);
    ok_ = !ec;
  }
  ~installed_akisp11() {
    if (ok_) std::filesystem::remove(path_);
  }
  installed_akisp11(const installed_akisp11&) = delete;
  installed_akisp11& operator=(const installed_akisp11&) = delete;
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  std::filesystem::path path_;
  bool ok_ = false;
};

bool any_akisp11_installed() {
  for (const auto& c : card::akis_module_candidates())
    if (c.find('/') != std::string::npos && std::filesystem::exists(c)) return true;
  return false;
}

TEST(RealShapedCards, AkisCardWithoutDriverGetsTheDriverMessageAndNoPinCommand) {
  if (any_akisp11_installed()) GTEST_SKIP() << "akisp11 is installed on this machine";
  for (const char* atr : {"akis_v1.2", "akis_v2"}) {
    test::card_files f;
    f.atr = atr;
    test::write_card_files(f, "no-driver");
    auto card_proc = insert_logged(f);
    int rc = 0;
    auto j = bridge_card_json("--wait 10", rc);
    EXPECT_EQ(rc, 1) << atr;
    EXPECT_EQ(j.at("error").as_string(), "driver_missing") << atr;
    const std::string en(j.at("message").as_string()), tr(j.at("message_tr").as_string());
    EXPECT_NE(en.find("akisp11"), std::string::npos) << en;
    EXPECT_NE(tr.find("Sürücü Yükleme Servisi"), std::string::npos) << tr;
    // The terminal's words (stderr, Turkish).
    const auto text = test::run_capture(
        "(" + std::string(EIMZA_BRIDGE) + " card --lang tr --wait 10 --reader '" + reader + "' 2>&1)", rc);
    EXPECT_NE(text.find("AKİS kart sürücüsü (akisp11) bu bilgisayarda kurulu değil"), std::string::npos)
        << text;
    card_proc->stop();
    expect_no_pin_commands(f, atr);
    std::filesystem::remove_all(f.dir);
  }
}

class AkisWithStandIn : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "installing into /usr/local/lib needs root";
    if (any_akisp11_installed()) GTEST_SKIP() << "akisp11 is installed on this machine";
    hsm_ = test::make_softhsm_config("standin");
  }
  void TearDown() override {
    module_.reset();
    std::filesystem::remove_all(hsm_.dir);
  }
  // The quirks of a real akisp11 build: slots named after the PC/SC reader, the locking flag refused.
  std::string env() const {
    return hsm_.env() + "EIMZA_STANDIN_SLOT_DESCRIPTION='" + reader + "' EIMZA_STANDIN_REFUSE_LOCKING=1 ";
  }
  // An AKIS v2 card in the reader, akisp11 (the stand-in) in /usr/local/lib.
  std::unique_ptr<test::child_process> insert_akis_card(test::card_files& f, const std::string& name) {
    module_ = std::make_unique<installed_akisp11>("/usr/local/lib/libakisp11.so");
    EXPECT_TRUE(module_->ok());
    f.atr = "akis_v2";
    test::write_card_files(f, name);
    auto p = insert_logged(f);
    EXPECT_TRUE(wait_present(10s));
    return p;
  }
  test::softhsm_config hsm_;
  std::unique_ptr<installed_akisp11> module_;
};

TEST_F(AkisWithStandIn, DefaultAndAutoFindTheModuleInUsrLocalLib) {
  const auto now = test::now_unix();
  const auto serial = test::add_softhsm_token(hsm_, "AKIS",
                                              {test::make_certificate({.not_before = now - test::day,
                                                                       .not_after = now + 900 * test::day,
                                                                       .key = test::key_kind::ec_p384})});
  ASSERT_FALSE(serial.empty());
  test::card_files f;
  auto card_proc = insert_akis_card(f, "standin");
  for (const std::string flag : {"", "--pkcs11 auto"}) {
    int rc = 0;
    const auto out = test::run_capture(env() + EIMZA_BRIDGE + " card --json --wait 10 " + flag, rc);
    ASSERT_EQ(rc, 0) << flag << ": " << out;
    auto j = boost::json::parse(out).as_object();
    EXPECT_EQ(j.at("source").as_string(), "pkcs11") << flag;
    EXPECT_EQ(j.at("module").as_string(), "/usr/local/lib/libakisp11.so") << flag;
    EXPECT_EQ(j.at("serial").as_string(), serial) << flag;
    EXPECT_EQ(j.at("reader").as_string(), reader) << flag;
    EXPECT_EQ(j.at("certificates").as_array().at(0).as_object().at("nes").as_string(), "kamu_sm_nes") << flag;
    if (flag.empty()) {
      EXPECT_EQ(j.at("family").as_string(), "akis_v2_or_id_card");
    }
  }
  card_proc->stop();
  expect_no_pin_commands(f, "stand-in");
  std::filesystem::remove_all(f.dir);
}

TEST_F(AkisWithStandIn, IdentityCardFamilyWithoutCertificateIsNamed) {
  ASSERT_FALSE(test::add_softhsm_token(hsm_, "KIMLIK", {}).empty());
  test::card_files f;
  auto card_proc = insert_akis_card(f, "idcard");
  int rc = 0;
  const auto out = test::run_capture(env() + EIMZA_BRIDGE + " card --json --wait 10", rc);
  ASSERT_EQ(rc, 0) << out;
  auto j = boost::json::parse(out).as_object();
  EXPECT_TRUE(j.at("signing_certificate").is_null());
  const auto warnings = boost::json::serialize(j.at("warnings"));
  EXPECT_NE(warnings.find("identity card"), std::string::npos) << warnings;
  std::filesystem::remove_all(f.dir);
}

TEST(RealShapedCards, TwoReadersWithCardsAreNotGuessed) {
  test::card_files a, b;
  test::write_card_files(a, "reader-a");
  b.serial = "0036267E57013B47";
  test::write_card_files(b, "reader-b");
  const std::string second = "Virtual PCD 00 01";
  ASSERT_TRUE(wait_absent(10s, second));
  auto one = insert_card(a);
  auto two = std::make_unique<test::child_process>(
      std::vector<std::string>{EIMZA_VIRTUAL_CARD, "--fixture", b.json.string(), "--port", "35964", "--netns",
                               "pcscd"},
      (b.dir / "virtual-card.log").string());
  auto ctx = card::pcsc_context::establish();
  ASSERT_TRUE(ctx);
  ASSERT_TRUE(ctx->wait_for_card(second, 10s, {})) << "the second vpcd reader did not get its card";
  ASSERT_TRUE(wait_present(10s));
  int rc = 0;
  auto j = boost::json::parse(test::run_capture(std::string(EIMZA_BRIDGE) + " card --json --wait 5", rc))
               .as_object();
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(j.at("error").as_string(), "several_cards");
  // Naming the reader settles it.
  auto named = bridge_card_json("--wait 5", rc);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(named.at("serial").as_string(), a.serial);
  two->stop();
  one->stop();
  EXPECT_TRUE(wait_absent(10s, second));
  std::filesystem::remove_all(a.dir);
  std::filesystem::remove_all(b.dir);
}

}  // namespace

namespace {

TEST(RealShapedCards, VirtualReadersAreIgnoredUnlessNamed) {
  // Security review: vpcd listens on the network; `bridge run` took any reader with a card.
  EXPECT_TRUE(card::is_virtual_reader("Virtual PCD 00 00"));
  EXPECT_FALSE(card::is_virtual_reader("ACS ACR38U-CCID 00 00"));
  test::card_files f;
  test::write_card_files(f, "virtual-reader");
  auto card_proc = insert_card(f);
  auto ctx = card::pcsc_context::establish();
  ASSERT_TRUE(ctx);
  ASSERT_TRUE(ctx->wait_for_card(reader, 10s, {}));
  std::vector<bool> said;  // what the wait tells the person: a reader there or not (issue #17)
  auto any = ctx->wait_for_card("", 2s, {}, true, [&said](bool r) { said.push_back(r); });
  ASSERT_FALSE(any);
  EXPECT_EQ(any.error(), card::card_errc::no_reader)
      << "the vpcd card is not taken without --reader: no (hardware) reader";
  EXPECT_EQ(said, std::vector<bool>{false}) << "'plug in your reader', once";
  said.clear();
  EXPECT_TRUE(ctx->wait_for_card(reader, 2s, {}, true, [&said](bool r) { said.push_back(r); }))
      << "named, it is used";
  EXPECT_EQ(said, std::vector<bool>{true});
  std::filesystem::remove_all(f.dir);
}

}  // namespace
