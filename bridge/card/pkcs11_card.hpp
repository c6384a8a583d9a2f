#pragma once
// card_access through any PKCS#11 module loaded at run time (akisp11, opensc-pkcs11, SoftHSM2).
#include <memory>
#include <string>
#include <vector>

#include "card/card_access.hpp"

namespace eimza::card {

/// Where the vendor module usually is on this platform (akisp11 first, then OpenSC).
[[nodiscard]] std::vector<std::string> default_pkcs11_modules();

class pkcs11_module;  // dlopen handle + function list, shared by cards of one module

class pkcs11_card final : public card_access {
 public:
  /// Loads and initialises the module. module_missing / module_failed.
  [[nodiscard]] static card_result<std::unique_ptr<pkcs11_card>> open(const std::string& module_path);
  ~pkcs11_card() override;
  pkcs11_card(const pkcs11_card&) = delete;
  pkcs11_card& operator=(const pkcs11_card&) = delete;

  /// The first slot with a token. no_token when none.
  [[nodiscard]] card_result<card_summary> read_summary() override;
  /// C_SetPIN in a read-write session, one attempt; refuses when the token reports the PIN locked.
  [[nodiscard]] card_status change_pin(const bridgelink::secret_bytes& old_pin,
                                       const bridgelink::secret_bytes& new_pin) override;

 private:
  explicit pkcs11_card(std::unique_ptr<pkcs11_module> m);
  std::unique_ptr<pkcs11_module> module_;
};

}  // namespace eimza::card
