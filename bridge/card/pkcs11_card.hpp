#pragma once
// card_access through a PKCS#11 module loaded at run time: the vendor's akisp11 for real AKIS
// cards (SoftHSM2 and a SoftHSM2-backed akisp11 stand-in in tests). Used the way the vendor uses
// it: C_Initialize(NULL) first (the CKF_OS_LOCKING_OK form only as a fallback: some akisp11 builds
// refuse it), one session at a time, every call from the thread that opened the module.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "card/card_access.hpp"

namespace eimza::card {

/// Where akisp11 is installed on this platform, in search order (../shared/reference/kamusm-and-akis.md);
/// the last entry is the bare library name, for the loader's own search. OpenSC is not a
/// candidate: it has had no AKIS driver since 0.25.
[[nodiscard]] std::vector<std::string> akis_module_candidates();

class pkcs11_module;  // dlopen handle + function list

class pkcs11_card final : public card_access {
 public:
  /// Loads and initialises the module. module_missing (not loadable) / module_failed.
  /// reader: the PC/SC reader the journey watches; the token in the slot of that name is read.
  [[nodiscard]] static card_result<std::unique_ptr<pkcs11_card>> open(const std::string& module_path,
                                                                      const std::string& reader = {});
  ~pkcs11_card() override;
  pkcs11_card(const pkcs11_card&) = delete;
  pkcs11_card& operator=(const pkcs11_card&) = delete;

  /// Every certificate object, the signing one chosen; PIN state from the token flags.
  /// The slot: the one whose description names `reader`, else the only token; several_cards
  /// when that leaves more than one.
  [[nodiscard]] card_result<card_summary> read_summary() override;
  /// C_SetPIN in a read-write session, one attempt; refuses when the token reports the PIN locked
  /// or the new PIN is outside the token's length limits.
  [[nodiscard]] card_status change_pin(const bridgelink::secret_bytes& old_pin,
                                       const bridgelink::secret_bytes& new_pin) override;

 private:
  pkcs11_card(std::unique_ptr<pkcs11_module> m, std::string reader, std::string path);
  [[nodiscard]] bool on_owner_thread() const noexcept { return std::this_thread::get_id() == owner_; }
  std::unique_ptr<pkcs11_module> module_;
  std::string reader_, path_;
  std::thread::id owner_;
};

}  // namespace eimza::card
