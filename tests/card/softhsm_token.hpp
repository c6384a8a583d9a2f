#pragma once
// SoftHSM2 tokens for the PKCS#11 tests: a configuration directory of its own (SOFTHSM2_CONF), a
// token created with softhsm2-util, certificates written in with PKCS#11 calls the product never
// makes (C_Login, C_CreateObject).
#include <p11-kit/pkcs11.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bridgelink/bytes.hpp"

namespace eimza::test {

inline const std::string softhsm_module = "/usr/lib/softhsm/libsofthsm2.so";
inline const std::string softhsm_user_pin = "123456";

/// SoftHSM2 loaded in this process with SOFTHSM2_CONF = conf; finalised and unloaded on destruction.
struct raw_module {
  explicit raw_module(const std::filesystem::path& conf);
  ~raw_module();
  raw_module(const raw_module&) = delete;
  raw_module& operator=(const raw_module&) = delete;
  [[nodiscard]] std::vector<CK_SLOT_ID> token_slots();
  [[nodiscard]] CK_RV login(CK_SLOT_ID slot, const std::string& pin);
  [[nodiscard]] CK_RV set_pin(CK_SLOT_ID slot, const std::string& old_pin, const std::string& new_pin);
  [[nodiscard]] CK_RV import_certificate(CK_SLOT_ID slot, const bridgelink::bytes& der,
                                         const std::string& label);
  [[nodiscard]] std::string serial(CK_SLOT_ID slot);  // upper-case, as the bridge shows it
  void* handle = nullptr;
  CK_FUNCTION_LIST_PTR f = nullptr;
  std::optional<std::string> previous_conf;  // SOFTHSM2_CONF is put back on destruction
};

struct softhsm_config {
  std::filesystem::path dir, conf;
  /// `SOFTHSM2_CONF=<conf> ` for a shell command line.
  [[nodiscard]] std::string env() const { return "SOFTHSM2_CONF='" + conf.string() + "' "; }
};

/// A fresh configuration under the temporary directory; name keeps tests apart.
[[nodiscard]] softhsm_config make_softhsm_config(const std::string& name);
/// Initialises a token labelled `label` in the next free slot and writes the certificates in this
/// order. Returns the token's serial (upper-case), or "" on failure.
[[nodiscard]] std::string add_softhsm_token(const softhsm_config& c, const std::string& label,
                                            const std::vector<bridgelink::bytes>& certificates);

}  // namespace eimza::test
