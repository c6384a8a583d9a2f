#pragma once
// A connection to one card that exchanges raw APDUs (PC/SC in the product, fakes in unit tests).
#include <string>

#include "bridgelink/bytes.hpp"
#include "card/card_result.hpp"

namespace eimza::card {

class card_channel {
 public:
  virtual ~card_channel() = default;
  [[nodiscard]] virtual card_result<bridgelink::bytes> transmit(bridgelink::byte_view command) = 0;
  [[nodiscard]] virtual const bridgelink::bytes& atr() const noexcept = 0;
  [[nodiscard]] virtual const std::string& reader_name() const noexcept = 0;
};

}  // namespace eimza::card
