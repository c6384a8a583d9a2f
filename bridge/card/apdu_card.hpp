#pragma once
// card_access over APDUs with the AKIS file layout (akis_layout.hpp). Reading (SELECT, READ BINARY)
// is the same for every card; PIN commands (VERIFY without data, CHANGE REFERENCE DATA) go only
// to our virtual card, recognised by its ATR: on a real card the PIN is changed through the vendor
// module's C_SetPIN, and its PIN state is not asked here. Every operation runs in one PC/SC
// transaction and within a bounded number of exchanges.
#include "card/apdu.hpp"
#include "card/card_access.hpp"
#include "card/card_channel.hpp"

namespace eimza::card {

class apdu_card final : public card_access {
 public:
  explicit apdu_card(card_channel& channel);
  [[nodiscard]] card_result<card_summary> read_summary() override;
  /// driver_missing on a card that is not our virtual card.
  [[nodiscard]] card_status change_pin(const bridgelink::secret_bytes& old_pin,
                                       const bridgelink::secret_bytes& new_pin) override;

 private:
  /// Sends c; follows 61xx (GET RESPONSE) and 6Cxx (right Le) as T=0 needs, bounded.
  [[nodiscard]] card_result<response_apdu> exchange(const command_apdu& c);
  [[nodiscard]] card_result<bridgelink::bytes> transmit(byte_view raw);
  [[nodiscard]] card_status expect_ok(const command_apdu& c);
  [[nodiscard]] card_status select_application();
  [[nodiscard]] card_result<bytes> read_selected(std::size_t max);
  [[nodiscard]] card_result<pin_state> read_pin_state();

  card_channel& channel_;
  bool pin_commands_;  // our virtual card only
  int budget_ = 0;     // exchanges left in the current operation
};

}  // namespace eimza::card
