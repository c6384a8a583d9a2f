// The PKCS#11 reader against real modules: SoftHSM2 with a token holding an authentication and a
// Kamu SM NES certificate, and the akisp11 stand-in (akisp11_standin.cpp) that forwards to SoftHSM2
// with the quirks of real akisp11 builds. Tokens live in temporary directories (SOFTHSM2_CONF).
#include <gtest/gtest.h>

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "card/open_card.hpp"
#include "card/pkcs11_card.hpp"
#include "child_process.hpp"
#include "softhsm_token.hpp"
#include "virtual_card/test_certificate.hpp"

using namespace eimza;
using test::softhsm_module;
using test::softhsm_user_pin;

namespace {

bridgelink::bytes cert_of(test::cert_profile p, test::key_kind k) {
  const auto now = test::now_unix();
  return test::make_certificate(
      {.not_before = now - test::day, .not_after = now + 1000 * test::day, .profile = p, .key = k});
}

class SoftHsm : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    config_ = test::make_softhsm_config("suite");
    // An authentication certificate written first, the signing one second.
    serial_ = test::add_softhsm_token(config_, "AKIS test",
                                      {cert_of(test::cert_profile::authentication, test::key_kind::rsa_2048),
                                       cert_of(test::cert_profile::kamu_sm_nes, test::key_kind::ec_p384)});
    ASSERT_FALSE(serial_.empty()) << "could not create the SoftHSM2 token";
    ::setenv("SOFTHSM2_CONF", config_.conf.c_str(), 1);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(config_.dir); }
  static inline test::softhsm_config config_;
  static inline std::string serial_;
};

// The stand-in's environment switches are read when it is called: set them for one test only.
struct scoped_env {
  scoped_env(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~scoped_env() { ::unsetenv(name_); }
  const char* name_;
};

TEST_F(SoftHsm, ReadsSerialCertificatesAndPinFlags) {
  auto c = card::pkcs11_card::open(softhsm_module);
  ASSERT_TRUE(c);
  auto s = (*c)->read_summary();
  ASSERT_TRUE(s) << card::code_name(s.error());
  EXPECT_EQ(s->source, "pkcs11");
  EXPECT_EQ(s->serial, serial_);
  EXPECT_EQ(s->label, "AKIS test");
  ASSERT_EQ(s->certificates.size(), 2u);
  const auto* signing = s->signing();
  ASSERT_NE(signing, nullptr);
  EXPECT_EQ(signing->verdict, card::nes_verdict::kamu_sm_nes);
  EXPECT_EQ(signing->key_type, "EC-384");
  EXPECT_TRUE(signing->non_repudiation);
  EXPECT_EQ(signing->tckn.value(), "10000000146");
  EXPECT_EQ(s->choice.reason, "qualified_non_repudiation");
  EXPECT_FALSE(s->pin.blocked);
}

TEST_F(SoftHsm, ChangePinWrongThenRight) {
  using bridgelink::secret_bytes;
  {
    auto c = card::pkcs11_card::open(softhsm_module);
    ASSERT_TRUE(c);
    auto wrong = (*c)->change_pin(secret_bytes(bridgelink::as_bytes("000000")),
                                  secret_bytes(bridgelink::as_bytes("246810")));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error(), card::card_errc::pin_wrong);
    EXPECT_EQ((*c)->change_pin(secret_bytes(bridgelink::as_bytes(softhsm_user_pin)),
                               secret_bytes(bridgelink::as_bytes("12")))
                  .error(),
              card::card_errc::pin_format);
    EXPECT_TRUE((*c)->change_pin(secret_bytes(bridgelink::as_bytes(softhsm_user_pin)),
                                 secret_bytes(bridgelink::as_bytes("246810"))));
  }
  test::raw_module m(config_.conf);
  const auto slot = m.token_slots().at(0);
  EXPECT_EQ(m.login(slot, "246810"), CKR_OK) << "the new PIN works";
  EXPECT_EQ(m.login(slot, softhsm_user_pin), CKR_PIN_INCORRECT) << "the old one does not";
  EXPECT_EQ(m.set_pin(slot, "246810", softhsm_user_pin), CKR_OK);  // put it back for the other tests
}

TEST_F(SoftHsm, ModuleCallsStayOnTheOpeningThread) {
  auto c = card::pkcs11_card::open(softhsm_module);
  ASSERT_TRUE(c);
  card::card_errc seen{};
  std::thread([&] {
    auto s = (*c)->read_summary();
    seen = s ? card::card_errc{} : s.error();
  }).join();
  EXPECT_EQ(seen, card::card_errc::internal);
  EXPECT_TRUE((*c)->read_summary());
}

TEST_F(SoftHsm, BridgeCardJsonReportsEveryCertificateAndTheChoice) {
  int rc = 0;
  const auto out =
      test::run_capture(std::string(EIMZA_BRIDGE) + " card --json --pkcs11 " + softhsm_module, rc);
  ASSERT_EQ(rc, 0) << out;
  auto j = boost::json::parse(out).as_object();
  EXPECT_EQ(j.at("serial").as_string(), serial_);
  const auto& certs = j.at("certificates").as_array();
  ASSERT_EQ(certs.size(), 2u);
  const auto chosen = j.at("signing_certificate").as_int64();
  EXPECT_EQ(j.at("choice_reason").as_string(), "qualified_non_repudiation");
  const auto& sign = certs.at(static_cast<std::size_t>(chosen)).as_object();
  const auto& other = certs.at(static_cast<std::size_t>(1 - chosen)).as_object();
  EXPECT_EQ(sign.at("nes").as_string(), "kamu_sm_nes");
  EXPECT_TRUE(sign.at("signing").as_bool());
  EXPECT_TRUE(sign.at("key_usage").as_object().at("non_repudiation").as_bool());
  EXPECT_EQ(other.at("nes").as_string(), "not_qualified");
  EXPECT_FALSE(other.at("signing").as_bool());
  EXPECT_EQ(sign.at("tckn").as_string(), "10000000146");
}

TEST_F(SoftHsm, StandInRefusingTheLockingFlagIsReadThroughInitializeNull) {
  const scoped_env refuse("EIMZA_STANDIN_REFUSE_LOCKING", "1");
  {
    // The stand-in really refuses the form the bridge used to send first.
    void* h = dlopen(EIMZA_AKISP11_STANDIN, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(h, nullptr);
    CK_FUNCTION_LIST_PTR f = nullptr;
    reinterpret_cast<CK_C_GetFunctionList>(dlsym(h, "C_GetFunctionList"))(&f);
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    EXPECT_EQ(f->C_Initialize(&args), static_cast<CK_RV>(CKR_ARGUMENTS_BAD));
    dlclose(h);
  }
  auto c = card::pkcs11_card::open(EIMZA_AKISP11_STANDIN);
  ASSERT_TRUE(c) << card::code_name(c.error());
  auto s = (*c)->read_summary();
  ASSERT_TRUE(s) << card::code_name(s.error());
  EXPECT_EQ(s->serial, serial_);
  ASSERT_NE(s->signing(), nullptr);
  EXPECT_EQ(s->signing()->verdict, card::nes_verdict::kamu_sm_nes);
}

TEST_F(SoftHsm, GarbageTokenInfoStaysReadableText) {
  int rc = 0;
  const auto out = test::run_capture("EIMZA_STANDIN_TOKENINFO=garbage " + std::string(EIMZA_BRIDGE) +
                                         " card --json --pkcs11 " + EIMZA_AKISP11_STANDIN,
                                     rc);
  ASSERT_EQ(rc, 0) << out;
  boost::system::error_code ec;
  auto v = boost::json::parse(out, ec);
  ASSERT_FALSE(ec) << "not JSON: " << out;
  const auto& j = v.as_object();
  EXPECT_NE(std::string(j.at("label").as_string()).find('?'), std::string::npos);
  EXPECT_NE(std::string(j.at("serial").as_string()).find('?'), std::string::npos);
  // Nonsense limits (min 99 > max 3) are ignored: the card rules stand.
  EXPECT_EQ(j.at("pin").as_object().at("min_length").as_int64(), 6);
  EXPECT_EQ(j.at("pin").as_object().at("max_length").as_int64(), 16);
}

TEST_F(SoftHsm, FailingTokenInfoGivesAClearError) {
  int rc = 0;
  const auto out = test::run_capture("EIMZA_STANDIN_TOKENINFO=fail " + std::string(EIMZA_BRIDGE) +
                                         " card --json --pkcs11 " + EIMZA_AKISP11_STANDIN,
                                     rc);
  EXPECT_EQ(rc, 1);
  auto j = boost::json::parse(out).as_object();
  EXPECT_EQ(j.at("error").as_string(), "module_failed");
}

TEST(Pkcs11Slots, TheSlotNamedLikeTheReaderIsRead) {
  auto cfg = test::make_softhsm_config("slots");
  const auto other = test::add_softhsm_token(cfg, "Other card", {});
  const auto akis = test::add_softhsm_token(
      cfg, "AKIS card", {cert_of(test::cert_profile::kamu_sm_nes, test::key_kind::rsa_2048)});
  ASSERT_FALSE(other.empty());
  ASSERT_FALSE(akis.empty());
  const std::string env =
      cfg.env() + "EIMZA_STANDIN_SLOT_DESCRIPTION='Virtual PCD' EIMZA_STANDIN_SLOT_LABEL='AKIS card' ";
  const std::string cmd = std::string(EIMZA_BRIDGE) + " card --json --pkcs11 " + EIMZA_AKISP11_STANDIN;
  int rc = 0;
  auto named =
      boost::json::parse(test::run_capture(env + cmd + " --reader 'Virtual PCD 00 00'", rc)).as_object();
  ASSERT_EQ(rc, 0) << boost::json::serialize(named);
  EXPECT_EQ(named.at("serial").as_string(), akis);
  EXPECT_EQ(named.at("reader").as_string(), "Virtual PCD");
  auto ambiguous = boost::json::parse(test::run_capture(env + cmd, rc)).as_object();
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(ambiguous.at("error").as_string(), "several_cards") << "two tokens, no reader: not ours to guess";
  std::filesystem::remove_all(cfg.dir);
}

TEST(Pkcs11Module, MissingOrNotAModule) {
  EXPECT_EQ(card::pkcs11_card::open("/nonexistent/libakisp11.so").error(), card::card_errc::module_missing);
  EXPECT_EQ(card::pkcs11_card::open("libc.so.6").error(), card::card_errc::module_failed);
  EXPECT_EQ(card::open_module("/nonexistent/libakisp11.so", "").error(), card::card_errc::module_missing);
}

TEST(Pkcs11Module, SearchListIsTheVendorsAndNeverOpenSc) {
  const auto c = card::akis_module_candidates();
  const std::vector<std::string> expected{"/usr/lib/libakisp11.so", "/usr/local/lib/libakisp11.so",
                                          "/usr/lib/x86_64-linux-gnu/libakisp11.so", "/lib/libakisp11.so",
                                          "libakisp11.so"};
  EXPECT_EQ(c, expected);
  for (const auto& p : c) EXPECT_EQ(p.find("opensc"), std::string::npos) << p;
}

}  // namespace
