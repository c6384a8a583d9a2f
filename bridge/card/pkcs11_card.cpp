#include "card/pkcs11_card.hpp"

#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "platform/shared_library.hpp"
#include "platform/utf8_path.hpp"

namespace eimza::card {

class pkcs11_module {
 public:
  platform::shared_library library;
  CK_FUNCTION_LIST_PTR f = nullptr;
  bool initialized = false;
  ~pkcs11_module() {
    if (initialized) f->C_Finalize(nullptr);
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
    case CKR_TOKEN_NOT_RECOGNIZED:
    case CKR_SLOT_ID_INVALID: return card_errc::no_token;
    case CKR_DEVICE_REMOVED:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED: return card_errc::card_removed;
    default: return card_errc::module_failed;
  }
}

// A byte string from the module as text: valid UTF-8 kept, anything else (a module's garbage,
// control bytes) becomes '?', so reports and JSON stay well-formed.
std::string clean_text(const unsigned char* p, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= n && (len > 1 || (c >= 0x20 && c != 0x7F));
    for (std::size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok && len == 2) ok = c >= 0xC2;  // no overlong forms
    if (ok)
      out.append(reinterpret_cast<const char*>(p + i), len);
    else
      out.push_back('?');
    i += ok ? len : 1;
  }
  return out;
}

// PKCS#11 fixed-width, blank-padded text fields.
std::string padded_text(const CK_UTF8CHAR* p, std::size_t n) {
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\0')) --n;
  return clean_text(p, n);
}

std::string lower_trimmed(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// A slot description names a PC/SC reader when one contains the other, ignoring case: pcsc-lite
// appends " 00 00" to reader names, modules often show the bare name.
bool names_reader(const std::string& slot_description, const std::string& reader) {
  const auto a = lower_trimmed(slot_description), b = lower_trimmed(reader);
  if (a.empty() || b.empty()) return false;
  return a.find(b) != std::string::npos || b.find(a) != std::string::npos;
}

struct session {
  CK_FUNCTION_LIST_PTR f;
  CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
  ~session() {
    if (h != CK_INVALID_HANDLE) f->C_CloseSession(h);
  }
};

struct token {
  CK_SLOT_ID slot;
  std::string slot_description;
  CK_TOKEN_INFO info;
};

card_result<token> find_token(CK_FUNCTION_LIST_PTR f, const std::string& reader) {
  CK_SLOT_ID slots[64];
  CK_ULONG count = 64;
  CK_RV rv = f->C_GetSlotList(CK_TRUE, slots, &count);
  if (rv == CKR_BUFFER_TOO_SMALL) return card_errc::several_cards;
  if (rv != CKR_OK) return from_ckr(rv);
  count = std::min<CK_ULONG>(count, 64);
  std::vector<token> all, named;
  card_errc failure = card_errc::no_token;
  for (CK_ULONG i = 0; i < count; ++i) {
    token t{slots[i], {}, {}};
    CK_SLOT_INFO si{};
    if ((rv = f->C_GetSlotInfo(t.slot, &si)) != CKR_OK ||
        (rv = f->C_GetTokenInfo(t.slot, &t.info)) != CKR_OK) {
      failure = from_ckr(rv);
      continue;
    }
    if (!(t.info.flags & CKF_TOKEN_INITIALIZED)) continue;  // an empty slot's blank token (SoftHSM's spare)
    t.slot_description = padded_text(si.slotDescription, sizeof si.slotDescription);
    if (names_reader(t.slot_description, reader)) named.push_back(t);
    all.push_back(std::move(t));
  }
  if (all.empty()) return failure;
  const auto& pick = !named.empty() ? named : all;  // a module may name its slots its own way
  if (pick.size() > 1) return card_errc::several_cards;
  return pick.front();
}

pin_state pin_from_token(const CK_TOKEN_INFO& ti) {
  pin_state p;
  p.count_low = (ti.flags & CKF_USER_PIN_COUNT_LOW) != 0;
  p.final_try = (ti.flags & CKF_USER_PIN_FINAL_TRY) != 0;
  p.blocked = (ti.flags & CKF_USER_PIN_LOCKED) != 0;
  if (p.blocked)
    p.retries_left = 0;
  else if (p.final_try)
    p.retries_left = 1;
  // The token's own limits when they make sense; our 6..16 otherwise.
  if (ti.ulMinPinLen >= 1 && ti.ulMinPinLen <= ti.ulMaxPinLen && ti.ulMaxPinLen <= 64) {
    p.min_len = ti.ulMinPinLen;
    p.max_len = ti.ulMaxPinLen;
  }
  return p;
}

bool complete(CK_FUNCTION_LIST_PTR f) {
  return f->C_Initialize && f->C_Finalize && f->C_GetSlotList && f->C_GetSlotInfo && f->C_GetTokenInfo &&
         f->C_OpenSession && f->C_CloseSession && f->C_FindObjectsInit && f->C_FindObjects &&
         f->C_FindObjectsFinal && f->C_GetAttributeValue && f->C_SetPIN;
}

}  // namespace

std::vector<std::string> akis_module_candidates() {
#if defined(_WIN32)
  std::string system_root = "C:\\Windows";
  if (const char* r = std::getenv("SystemRoot"); r && *r) system_root = r;
  return {system_root + "\\System32\\akisp11.dll", "akisp11.dll"};
#elif defined(__APPLE__)
  return {"/usr/local/lib/libakisp11.dylib", "/usr/lib/libakisp11.dylib",
          "/Library/Java/Extensions/libakisp11.dylib", "libakisp11.dylib"};
#else
  return {"/usr/lib/libakisp11.so", "/usr/local/lib/libakisp11.so", "/usr/lib/x86_64-linux-gnu/libakisp11.so",
          "/lib/libakisp11.so", "libakisp11.so"};
#endif
}

pkcs11_card::pkcs11_card(std::unique_ptr<pkcs11_module> m, std::string reader, std::string path)
    : module_(std::move(m)),
      reader_(std::move(reader)),
      path_(std::move(path)),
      owner_(std::this_thread::get_id()) {}
pkcs11_card::~pkcs11_card() = default;

card_result<std::unique_ptr<pkcs11_card>> pkcs11_card::open(const std::string& module_path,
                                                            const std::string& reader) {
  auto m = std::make_unique<pkcs11_module>();
  std::string why_not;
  m->library = platform::shared_library::open(platform::utf8_path(module_path), why_not);
  if (!m->library) return card_errc::module_missing;
  auto get = reinterpret_cast<CK_C_GetFunctionList>(m->library.symbol("C_GetFunctionList"));
  if (!get || get(&m->f) != CKR_OK || !m->f || !complete(m->f)) return card_errc::module_failed;
  // As the vendor does it; the locking-flag form only for a module that insists on it.
  CK_RV rv = m->f->C_Initialize(nullptr);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    rv = m->f->C_Initialize(&args);
  }
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) return card_errc::module_failed;
  m->initialized = rv == CKR_OK;
  return std::unique_ptr<pkcs11_card>(new pkcs11_card(std::move(m), reader, module_path));
}

card_result<card_summary> pkcs11_card::read_summary() {
  if (!on_owner_thread()) return card_errc::internal;
  CK_FUNCTION_LIST_PTR f = module_->f;
  auto tok = find_token(f, reader_);
  if (!tok) return tok.error();
  const CK_TOKEN_INFO& ti = tok->info;

  card_summary s;
  s.source = "pkcs11";
  s.module = path_;
  s.reader = tok->slot_description;
  s.serial = padded_text(ti.serialNumber, sizeof ti.serialNumber);
  std::transform(s.serial.begin(), s.serial.end(), s.serial.begin(),
                 [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  s.label = padded_text(ti.label, sizeof ti.label);
  s.pin = pin_from_token(ti);

  session sess{f};
  CK_RV rv = f->C_OpenSession(tok->slot, CKF_SERIAL_SESSION, nullptr, nullptr, &sess.h);
  if (rv != CKR_OK) return from_ckr(rv);
  // Certificates are public objects: no login.
  CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
  CK_ATTRIBUTE tmpl{CKA_CLASS, &cls, sizeof cls};
  if ((rv = f->C_FindObjectsInit(sess.h, &tmpl, 1)) != CKR_OK) return from_ckr(rv);
  std::vector<CK_OBJECT_HANDLE> objects;
  for (int round = 0; round < 4 && objects.size() < 64; ++round) {
    CK_OBJECT_HANDLE batch[16];
    CK_ULONG found = 0;
    rv = f->C_FindObjects(sess.h, batch, 16, &found);
    if (rv != CKR_OK || found == 0) break;
    objects.insert(objects.end(), batch, batch + std::min<CK_ULONG>(found, 16));
  }
  f->C_FindObjectsFinal(sess.h);
  if (rv != CKR_OK) return from_ckr(rv);
  for (const auto obj : objects) {
    CK_ATTRIBUTE value{CKA_VALUE, nullptr, 0};
    if (f->C_GetAttributeValue(sess.h, obj, &value, 1) != CKR_OK || value.ulValueLen == 0 ||
        value.ulValueLen > certificate_max) {
      ++s.unreadable_certificates;
      continue;
    }
    bridgelink::bytes der(value.ulValueLen);
    value.pValue = der.data();
    if (f->C_GetAttributeValue(sess.h, obj, &value, 1) != CKR_OK || value.ulValueLen > der.size()) {
      ++s.unreadable_certificates;
      continue;
    }
    der.resize(value.ulValueLen);
    if (auto cert = parse_certificate(der))
      s.certificates.push_back(std::move(*cert));
    else
      ++s.unreadable_certificates;
  }
  s.choice = choose_signing_certificate(s.certificates);
  return s;
}

card_status pkcs11_card::change_pin(const bridgelink::secret_bytes& old_pin,
                                    const bridgelink::secret_bytes& new_pin) {
  if (!on_owner_thread()) return card_errc::internal;
  if (old_pin.empty() || old_pin.size() > 64) return card_errc::pin_format;
  CK_FUNCTION_LIST_PTR f = module_->f;
  auto tok = find_token(f, reader_);
  if (!tok) return tok.error();
  const auto limits = pin_from_token(tok->info);
  if (!valid_new_pin(new_pin.view(), limits.min_len, limits.max_len)) return card_errc::pin_format;
  if (limits.blocked) return card_errc::pin_blocked;
  session sess{f};
  CK_RV rv = f->C_OpenSession(tok->slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &sess.h);
  if (rv != CKR_OK) return from_ckr(rv);
  // PKCS#11 takes non-const pointers; the buffers are copies we wipe.
  bridgelink::secret_bytes o(old_pin.view()), n(new_pin.view());
  rv = f->C_SetPIN(sess.h, o.data(), static_cast<CK_ULONG>(o.size()), n.data(),
                   static_cast<CK_ULONG>(n.size()));
  if (rv != CKR_OK) return from_ckr(rv);
  return done;
}

}  // namespace eimza::card
