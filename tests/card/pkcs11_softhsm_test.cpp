// The PKCS#11 reader against a real module: SoftHSM2 with a token holding an NES-like
// certificate. Tokens live in a temporary directory (SOFTHSM2_CONF), created with softhsm2-util.
#include <gtest/gtest.h>

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "card/pkcs11_card.hpp"
#include "child_process.hpp"
#include "virtual_card/test_certificate.hpp"

using namespace eimza;

namespace {

const std::string module = "/usr/lib/softhsm/libsofthsm2.so";
const std::string user_pin = "123456";

// Test-side PKCS#11 calls the product never makes (creating objects, logging in).
struct raw_module {
  void* handle = nullptr;
  CK_FUNCTION_LIST_PTR f = nullptr;
  raw_module() {
    handle = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
    auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList"));
    get(&f);
    f->C_Initialize(nullptr);
  }
  ~raw_module() {
    f->C_Finalize(nullptr);
    dlclose(handle);
  }
  CK_SLOT_ID slot() {
    CK_SLOT_ID s[8];
    CK_ULONG n = 8;
    f->C_GetSlotList(CK_TRUE, s, &n);
    return s[0];
  }
  CK_RV login(const std::string& pin) {
    CK_SESSION_HANDLE h;
    f->C_OpenSession(slot(), CKF_SERIAL_SESSION, nullptr, nullptr, &h);
    const CK_RV rv = f->C_Login(h, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(pin.c_str())), pin.size());
    f->C_CloseSession(h);
    return rv;
  }
  void import_certificate(const bridgelink::bytes& der) {
    CK_SESSION_HANDLE h;
    ASSERT_EQ(f->C_OpenSession(slot(), CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &h), CKR_OK);
    ASSERT_EQ(f->C_Login(h, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(user_pin.c_str())),
                         user_pin.size()),
              CKR_OK);
    CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE type = CKC_X_509;
    CK_BBOOL yes = CK_TRUE;
    char label[] = "NES";
    auto subject = test::subject_der(der);
    CK_ATTRIBUTE t[] = {{CKA_SUBJECT, subject.data(), subject.size()},{CKA_CLASS, &cls, sizeof cls},
                        {CKA_CERTIFICATE_TYPE, &type, sizeof type},
                        {CKA_TOKEN, &yes, sizeof yes},
                        {CKA_LABEL, label, sizeof label - 1},
                        {CKA_VALUE, const_cast<std::uint8_t*>(der.data()), der.size()}};
    CK_OBJECT_HANDLE obj;
    ASSERT_EQ(f->C_CreateObject(h, t, 6, &obj), CKR_OK);
    f->C_Logout(h);
    f->C_CloseSession(h);
  }
};

class SoftHsm : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("eimza-softhsm-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "tokens");
    std::ofstream(dir_ / "softhsm2.conf") << "directories.tokendir = " << (dir_ / "tokens").string()
                                          << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ::setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
    int rc = 0;
    test::run_capture("softhsm2-util --init-token --free --label 'AKIS test' --pin " + user_pin +
                          " --so-pin 87654321",
                      rc);
    ASSERT_EQ(rc, 0) << "softhsm2-util --init-token failed";
    const auto now = test::now_unix();
    raw_module m;
    m.import_certificate(test::make_certificate({.not_before = now - test::day, .not_after = now + 1000 * test::day}));
    CK_TOKEN_INFO ti{};
    m.f->C_GetTokenInfo(m.slot(), &ti);
    serial_ = std::string(reinterpret_cast<char*>(ti.serialNumber), sizeof ti.serialNumber);
    while (!serial_.empty() && serial_.back() == ' ') serial_.pop_back();
    // The bridge shows serials upper-case, as the portal's "Kart Seri Numarası" does.
    for (auto& ch : serial_) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static inline std::filesystem::path dir_;
  static inline std::string serial_;
};

TEST_F(SoftHsm, ReadsSerialCertificateAndPinFlags) {
  auto c = card::pkcs11_card::open(module);
  ASSERT_TRUE(c);
  auto s = (*c)->read_summary();
  ASSERT_TRUE(s) << card::code_name(s.error());
  EXPECT_EQ(s->source, "pkcs11");
  ASSERT_FALSE(serial_.empty());
  EXPECT_EQ(s->serial, serial_);
  EXPECT_EQ(s->label, "AKIS test");
  ASSERT_EQ(s->certificates.size(), 1u);
  EXPECT_EQ(s->certificates[0].tckn.value(), "10000000146");
  EXPECT_EQ(s->certificates[0].kind, card::nes_kind::individual);
  EXPECT_FALSE(s->pin.blocked);
}

TEST_F(SoftHsm, ChangePinWrongThenRight) {
  using bridgelink::secret_bytes;
  {
    auto c = card::pkcs11_card::open(module);
    ASSERT_TRUE(c);
    auto wrong = (*c)->change_pin(secret_bytes(bridgelink::as_bytes("000000")), secret_bytes(bridgelink::as_bytes("246810")));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error(), card::card_errc::pin_wrong);
    EXPECT_EQ((*c)->change_pin(secret_bytes(bridgelink::as_bytes(user_pin)), secret_bytes(bridgelink::as_bytes("12"))).error(),
              card::card_errc::pin_format);
    EXPECT_TRUE((*c)->change_pin(secret_bytes(bridgelink::as_bytes(user_pin)), secret_bytes(bridgelink::as_bytes("246810"))));
  }
  raw_module m;
  EXPECT_EQ(m.login("246810"), CKR_OK) << "the new PIN works";
  EXPECT_EQ(m.login(user_pin), CKR_PIN_INCORRECT) << "the old one does not";
  // Put it back for the other tests.
  CK_SESSION_HANDLE h;
  m.f->C_OpenSession(m.slot(), CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &h);
  std::string n = "246810", o = user_pin;
  m.f->C_SetPIN(h, reinterpret_cast<CK_UTF8CHAR_PTR>(n.data()), n.size(), reinterpret_cast<CK_UTF8CHAR_PTR>(o.data()),
                o.size());
  m.f->C_CloseSession(h);
}

TEST_F(SoftHsm, BridgeCardJsonThroughPkcs11) {
  int rc = 0;
  const auto out = test::run_capture(std::string(EIMZA_BRIDGE) + " card --json --pkcs11 " + module, rc);
  ASSERT_EQ(rc, 0) << out;
  auto j = boost::json::parse(out).as_object();
  EXPECT_EQ(j.at("serial").as_string(), serial_);
  EXPECT_EQ(j.at("certificates").as_array().at(0).as_object().at("tckn").as_string(), "10000000146");
}

TEST(Pkcs11Module, MissingOrNotAModule) {
  EXPECT_EQ(card::pkcs11_card::open("/nonexistent/libakisp11.so").error(), card::card_errc::module_missing);
  EXPECT_EQ(card::pkcs11_card::open("libc.so.6").error(), card::card_errc::module_failed);
}

}  // namespace
