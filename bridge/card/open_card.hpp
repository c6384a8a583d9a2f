#pragma once
// The card the journey works with, behind card_access: APDUs over PC/SC (our reader for the
// AKIS layout) or the vendor's PKCS#11 module (AKIS cards with the Kamu SM middleware).
#include <memory>
#include <string>

#include "card/card_access.hpp"
#include "card/pcsc.hpp"

namespace eimza::card {

/// "auto": the first of default_pkcs11_modules() that exists; otherwise the path itself.
[[nodiscard]] card_result<std::string> resolve_pkcs11_module(const std::string& requested);

/// pkcs11_module empty: APDUs over a PC/SC connection to `reader` (ctx must outlive the card).
/// Otherwise the module (the token in its first slot with one).
[[nodiscard]] card_result<std::unique_ptr<card_access>> open_card(const pcsc_context& ctx, const std::string& reader,
                                                                  const std::string& pkcs11_module);

}  // namespace eimza::card
