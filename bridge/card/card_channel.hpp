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
  /// Exclusive use of the card for a sequence of commands (SCardBeginTransaction): another program
  /// sharing the card (the vendor's card monitor, a browser with akisp11) waits until it ends.
  [[nodiscard]] virtual card_status begin_transaction() = 0;
  virtual void end_transaction() noexcept = 0;
};

/// One transaction for a scope; ok() says whether it began.
class card_transaction {
 public:
  explicit card_transaction(card_channel& c) : channel_(c), began_(c.begin_transaction()) {}
  ~card_transaction() {
    if (began_) channel_.end_transaction();
  }
  card_transaction(const card_transaction&) = delete;
  card_transaction& operator=(const card_transaction&) = delete;
  [[nodiscard]] const card_status& status() const noexcept { return began_; }

 private:
  card_channel& channel_;
  card_status began_;
};

}  // namespace eimza::card
