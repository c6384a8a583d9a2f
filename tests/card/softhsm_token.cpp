#include "softhsm_token.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "child_process.hpp"
#include "virtual_card/test_certificate.hpp"

namespace eimza::test {
namespace {
CK_UTF8CHAR_PTR text_ptr(const std::string& s) {
  return reinterpret_cast<CK_UTF8CHAR_PTR>(const_cast<char*>(s.data()));
}
}  // namespace

raw_module::raw_module(const std::filesystem::path& conf) {
  if (const char* before = std::getenv("SOFTHSM2_CONF")) previous_conf = before;
  ::setenv("SOFTHSM2_CONF", conf.c_str(), 1);
  handle = dlopen(softhsm_module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return;
  auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList"));
  if (get) get(&f);
  if (f) f->C_Initialize(nullptr);
}

raw_module::~raw_module() {
  if (f) f->C_Finalize(nullptr);
  if (handle) dlclose(handle);
  if (previous_conf)
    ::setenv("SOFTHSM2_CONF", previous_conf->c_str(), 1);
  else
    ::unsetenv("SOFTHSM2_CONF");
}

std::vector<CK_SLOT_ID> raw_module::token_slots() {
  CK_SLOT_ID s[16];
  CK_ULONG n = 16;
  if (!f || f->C_GetSlotList(CK_TRUE, s, &n) != CKR_OK) return {};
  return {s, s + std::min<CK_ULONG>(n, 16)};
}

CK_RV raw_module::login(CK_SLOT_ID slot, const std::string& pin) {
  CK_SESSION_HANDLE h;
  if (CK_RV rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &h); rv != CKR_OK) return rv;
  const CK_RV rv = f->C_Login(h, CKU_USER, text_ptr(pin), pin.size());
  f->C_CloseSession(h);
  return rv;
}

CK_RV raw_module::set_pin(CK_SLOT_ID slot, const std::string& old_pin, const std::string& new_pin) {
  CK_SESSION_HANDLE h;
  if (CK_RV rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &h);
      rv != CKR_OK)
    return rv;
  const CK_RV rv = f->C_SetPIN(h, text_ptr(old_pin), old_pin.size(), text_ptr(new_pin), new_pin.size());
  f->C_CloseSession(h);
  return rv;
}

CK_RV raw_module::import_certificate(CK_SLOT_ID slot, const bridgelink::bytes& der,
                                     const std::string& label) {
  CK_SESSION_HANDLE h;
  if (CK_RV rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &h);
      rv != CKR_OK)
    return rv;
  CK_RV rv = f->C_Login(h, CKU_USER, text_ptr(softhsm_user_pin), softhsm_user_pin.size());
  if (rv == CKR_OK) {
    CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE type = CKC_X_509;
    CK_BBOOL yes = CK_TRUE;
    auto subject = subject_der(der);
    CK_ATTRIBUTE t[] = {{CKA_SUBJECT, subject.data(), subject.size()},
                        {CKA_CLASS, &cls, sizeof cls},
                        {CKA_CERTIFICATE_TYPE, &type, sizeof type},
                        {CKA_TOKEN, &yes, sizeof yes},
                        {CKA_LABEL, const_cast<char*>(label.data()), label.size()},
                        {CKA_VALUE, const_cast<std::uint8_t*>(der.data()), der.size()}};
    CK_OBJECT_HANDLE obj;
    rv = f->C_CreateObject(h, t, 6, &obj);
    f->C_Logout(h);
  }
  f->C_CloseSession(h);
  return rv;
}

std::string raw_module::serial(CK_SLOT_ID slot) {
  CK_TOKEN_INFO ti{};
  if (f->C_GetTokenInfo(slot, &ti) != CKR_OK) return {};
  std::string s(reinterpret_cast<char*>(ti.serialNumber), sizeof ti.serialNumber);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

softhsm_config make_softhsm_config(const std::string& name) {
  softhsm_config c;
  c.dir =
      std::filesystem::temp_directory_path() / ("eimza-softhsm-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(c.dir);
  std::filesystem::create_directories(c.dir / "tokens");
  c.conf = c.dir / "softhsm2.conf";
  std::ofstream(c.conf) << "directories.tokendir = " << (c.dir / "tokens").string()
                        << "\nobjectstore.backend = file\nlog.level = ERROR\n";
  return c;
}

std::string add_softhsm_token(const softhsm_config& c, const std::string& label,
                              const std::vector<bridgelink::bytes>& certificates) {
  int rc = 0;
  run_capture(c.env() + "softhsm2-util --init-token --free --label '" + label + "' --pin " +
                  softhsm_user_pin + " --so-pin 87654321 >/dev/null 2>&1",
              rc);
  if (rc != 0) return {};
  raw_module m(c.conf);
  if (!m.f) return {};
  for (auto slot : m.token_slots()) {
    CK_TOKEN_INFO ti{};
    if (m.f->C_GetTokenInfo(slot, &ti) != CKR_OK) continue;
    std::string l(reinterpret_cast<char*>(ti.label), sizeof ti.label);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    if (l != label) continue;
    for (std::size_t i = 0; i < certificates.size(); ++i)
      if (m.import_certificate(slot, certificates[i], "cert" + std::to_string(i)) != CKR_OK) return {};
    return m.serial(slot);
  }
  return {};
}

}  // namespace eimza::test
