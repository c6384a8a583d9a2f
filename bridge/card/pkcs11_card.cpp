#include "card/pkcs11_card.hpp"

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>

namespace eimza::card {

class pkcs11_module {
 public:
  void* handle = nullptr;
  CK_FUNCTION_LIST_PTR f = nullptr;
  bool initialized = false;
  ~pkcs11_module() {
    if (initialized) f->C_Finalize(nullptr);
    if (handle) dlclose(handle);
  }
};

namespace {

card_errc from_ckr(CK_RV rv) noexcept {
  switch (rv) {
    case CKR_PIN_INCORRECT: return card_errc::pin_wrong;
    case CKR_PIN_LOCKED: return card_errc::pin_blocked;
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE: return card_errc::pin_format;
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SLOT_ID_INVALID: return card_errc::no_token;
    case CKR_DEVICE_REMOVED:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED: return card_errc::card_removed;
    default: return card_errc::module_failed;
  }
}

// PKCS#11 fixed-width, blank-padded text fields.
std::string padded_text(const CK_UTF8CHAR* p, std::size_t n) {
  std::string s(reinterpret_cast<const char*>(p), n);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

struct session {
  CK_FUNCTION_LIST_PTR f;
  CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
  ~session() {
    if (h != CK_INVALID_HANDLE) f->C_CloseSession(h);
  }
};

card_result<CK_SLOT_ID> first_token_slot(CK_FUNCTION_LIST_PTR f) {
  CK_ULONG count = 0;
  CK_RV rv = f->C_GetSlotList(CK_TRUE, nullptr, &count);
  if (rv != CKR_OK) return from_ckr(rv);
  if (count == 0) return card_errc::no_token;
  std::vector<CK_SLOT_ID> slots(std::min<CK_ULONG>(count, 64));
  count = slots.size();
  rv = f->C_GetSlotList(CK_TRUE, slots.data(), &count);
  if (rv != CKR_OK) return from_ckr(rv);
  if (count == 0) return card_errc::no_token;
  return slots[0];
}

struct token {
  CK_SLOT_ID slot;
  CK_TOKEN_INFO info;
};

card_result<token> first_token(CK_FUNCTION_LIST_PTR f) {
  auto slot = first_token_slot(f);
  if (!slot) return slot.error();
  token t{*slot, {}};
  const CK_RV rv = f->C_GetTokenInfo(t.slot, &t.info);
  if (rv != CKR_OK) return from_ckr(rv);
  return t;
}

pin_state pin_from_flags(CK_FLAGS flags) {
  pin_state p;
  p.count_low = (flags & CKF_USER_PIN_COUNT_LOW) != 0;
  p.final_try = (flags & CKF_USER_PIN_FINAL_TRY) != 0;
  p.blocked = (flags & CKF_USER_PIN_LOCKED) != 0;
  if (p.blocked) p.retries_left = 0;
  else if (p.final_try) p.retries_left = 1;
  return p;
}

}  // namespace

std::vector<std::string> default_pkcs11_modules() {
#if defined(_WIN32)
  return {"akisp11.dll", "opensc-pkcs11.dll"};
#elif defined(__APPLE__)
  return {"/usr/local/lib/libakisp11.dylib", "/Library/OpenSC/lib/opensc-pkcs11.so"};
#else
  return {"/usr/lib/libakisp11.so", "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"};
#endif
}

pkcs11_card::pkcs11_card(std::unique_ptr<pkcs11_module> m) : module_(std::move(m)) {}
pkcs11_card::~pkcs11_card() = default;

card_result<std::unique_ptr<pkcs11_card>> pkcs11_card::open(const std::string& module_path) {
  auto m = std::make_unique<pkcs11_module>();
  m->handle = dlopen(module_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!m->handle) return card_errc::module_missing;
  auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(m->handle, "C_GetFunctionList"));
  if (!get || get(&m->f) != CKR_OK || !m->f) return card_errc::module_failed;
  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  const CK_RV rv = m->f->C_Initialize(&args);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) return card_errc::module_failed;
  m->initialized = rv == CKR_OK;
  return std::unique_ptr<pkcs11_card>(new pkcs11_card(std::move(m)));
}

card_result<card_summary> pkcs11_card::read_summary() {
  CK_FUNCTION_LIST_PTR f = module_->f;
  auto tok = first_token(f);
  if (!tok) return tok.error();
  const CK_SLOT_ID slot = tok->slot;
  const CK_TOKEN_INFO& ti = tok->info;
  CK_SLOT_INFO si{};
  if (f->C_GetSlotInfo(slot, &si) != CKR_OK) return card_errc::module_failed;
  CK_RV rv = CKR_OK;

  card_summary s;
  s.source = "pkcs11";
  s.reader = padded_text(si.slotDescription, sizeof si.slotDescription);
  s.serial = padded_text(ti.serialNumber, sizeof ti.serialNumber);
  std::transform(s.serial.begin(), s.serial.end(), s.serial.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  s.label = padded_text(ti.label, sizeof ti.label);
  s.pin = pin_from_flags(ti.flags);

  session sess{f};
  rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION, nullptr, nullptr, &sess.h);
  if (rv != CKR_OK) return from_ckr(rv);
  CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
  CK_ATTRIBUTE tmpl{CKA_CLASS, &cls, sizeof cls};
  if ((rv = f->C_FindObjectsInit(sess.h, &tmpl, 1)) != CKR_OK) return from_ckr(rv);
  CK_OBJECT_HANDLE objs[16];
  CK_ULONG found = 0;
  rv = f->C_FindObjects(sess.h, objs, 16, &found);
  f->C_FindObjectsFinal(sess.h);
  if (rv != CKR_OK) return from_ckr(rv);
  for (CK_ULONG i = 0; i < found; ++i) {
    CK_ATTRIBUTE value{CKA_VALUE, nullptr, 0};
    if (f->C_GetAttributeValue(sess.h, objs[i], &value, 1) != CKR_OK) continue;
    if (value.ulValueLen == 0 || value.ulValueLen > certificate_max) return card_errc::bad_certificate;
    bridgelink::bytes der(value.ulValueLen);
    value.pValue = der.data();
    if (f->C_GetAttributeValue(sess.h, objs[i], &value, 1) != CKR_OK) continue;
    der.resize(value.ulValueLen);
    auto cert = parse_certificate(der);
    if (!cert) return cert.error();
    s.certificates.push_back(std::move(*cert));
  }
  return s;
}

card_status pkcs11_card::change_pin(const bridgelink::secret_bytes& old_pin, const bridgelink::secret_bytes& new_pin) {
  if (!valid_new_pin(new_pin.view()) || old_pin.empty() || old_pin.size() > 64) return card_errc::pin_format;
  CK_FUNCTION_LIST_PTR f = module_->f;
  auto tok = first_token(f);
  if (!tok) return tok.error();
  if (tok->info.flags & CKF_USER_PIN_LOCKED) return card_errc::pin_blocked;
  session sess{f};
  CK_RV rv = f->C_OpenSession(tok->slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &sess.h);
  if (rv != CKR_OK) return from_ckr(rv);
  // PKCS#11 takes non-const pointers; the buffers are copies we wipe.
  bridgelink::secret_bytes o(old_pin.view()), n(new_pin.view());
  rv = f->C_SetPIN(sess.h, o.data(), o.size(), n.data(), n.size());
  if (rv != CKR_OK) return from_ckr(rv);
  return done;
}

}  // namespace eimza::card
