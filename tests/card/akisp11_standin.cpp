// A stand-in for the vendor's akisp11 in tests: a real PKCS#11 module that forwards to SoftHSM2
// (EIMZA_STANDIN_TARGET, default /usr/lib/softhsm/libsofthsm2.so) and reproduces what real akisp11
// builds do, chosen by the environment of the process that loads it:
//   EIMZA_STANDIN_REFUSE_LOCKING=1      C_Initialize with CKF_OS_LOCKING_OK → CKR_ARGUMENTS_BAD (macOS/Linux
//   builds) EIMZA_STANDIN_SLOT_DESCRIPTION=...  slot descriptions name this PC/SC reader, as akisp11's do
//   EIMZA_STANDIN_SLOT_LABEL=...        … only the slot whose token has this label
//   EIMZA_STANDIN_TOKENINFO=garbage     C_GetTokenInfo answers CKR_OK with bytes that are not text,
//                                       nonsense PIN limits and version fields
//   EIMZA_STANDIN_TOKENINFO=fail        C_GetTokenInfo → CKR_DEVICE_ERROR
// Test code only; never installed by the package.
#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

CK_FUNCTION_LIST forward{};
CK_FUNCTION_LIST_PTR target = nullptr;

bool env_is(const char* name, std::string_view value) {
  const char* v = std::getenv(name);
  return v && value == v;
}

void fill_padded(CK_UTF8CHAR* field, std::size_t n, const char* text) {
  std::memset(field, ' ', n);
  std::memcpy(field, text, std::min(n, std::strlen(text)));
}

CK_RV standin_initialize(CK_VOID_PTR args) {
  if (args && env_is("EIMZA_STANDIN_REFUSE_LOCKING", "1") &&
      (static_cast<CK_C_INITIALIZE_ARGS*>(args)->flags & CKF_OS_LOCKING_OK))
    return CKR_ARGUMENTS_BAD;
  return target->C_Initialize(args);
}

CK_RV standin_slot_info(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
  const CK_RV rv = target->C_GetSlotInfo(slot, info);
  const char* d = std::getenv("EIMZA_STANDIN_SLOT_DESCRIPTION");
  if (rv != CKR_OK || !d) return rv;
  if (const char* only = std::getenv("EIMZA_STANDIN_SLOT_LABEL")) {
    CK_TOKEN_INFO ti{};
    if (target->C_GetTokenInfo(slot, &ti) != CKR_OK) return rv;
    CK_UTF8CHAR want[sizeof ti.label];
    fill_padded(want, sizeof want, only);
    if (std::memcmp(want, ti.label, sizeof want) != 0) return rv;
  }
  fill_padded(info->slotDescription, sizeof info->slotDescription, d);
  return rv;
}

CK_RV standin_token_info(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  if (env_is("EIMZA_STANDIN_TOKENINFO", "fail")) return CKR_DEVICE_ERROR;
  const CK_RV rv = target->C_GetTokenInfo(slot, info);
  if (rv == CKR_OK && env_is("EIMZA_STANDIN_TOKENINFO", "garbage")) {
    for (std::size_t i = 0; i < sizeof info->label; ++i) info->label[i] = static_cast<CK_UTF8CHAR>(0x80 + i);
    info->manufacturerID[0] = 0x01;
    info->model[0] = 0xFF;
    info->serialNumber[3] = 0xC3;  // a lone UTF-8 lead byte
    info->ulMinPinLen = 99;
    info->ulMaxPinLen = 3;
    info->hardwareVersion = {0xFF, 0xFE};
    info->firmwareVersion = {'v', '2'};
  }
  return rv;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  if (!list) return CKR_ARGUMENTS_BAD;
  if (!target) {
    const char* path = std::getenv("EIMZA_STANDIN_TARGET");
    void* h = dlopen(path ? path : "/usr/lib/softhsm/libsofthsm2.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return CKR_GENERAL_ERROR;
    auto get = reinterpret_cast<CK_C_GetFunctionList>(dlsym(h, "C_GetFunctionList"));
    if (!get || get(&target) != CKR_OK || !target) return CKR_GENERAL_ERROR;
    forward = *target;
    forward.C_Initialize = standin_initialize;
    forward.C_GetSlotInfo = standin_slot_info;
    forward.C_GetTokenInfo = standin_token_info;
  }
  *list = &forward;
  return CKR_OK;
}
