#pragma once
// card_access over APDUs with the layout in akis_layout.hpp.
#include "card/apdu.hpp"
#include "card/card_access.hpp"
#include "card/card_channel.hpp"

namespace eimza::card {

class apdu_card final : public card_access {
 public:
  explicit apdu_card(card_channel& channel) : channel_(channel) {}
  [[nodiscard]] card_result<card_summary> read_summary() override;
  [[nodiscard]] card_status change_pin(const bridgelink::secret_bytes& old_pin,
                                       const bridgelink::secret_bytes& new_pin) override;

 private:
  /// Sends c; follows 61xx (GET RESPONSE) and 6Cxx (right Le) as T=0 needs, bounded.
  [[nodiscard]] card_result<response_apdu> exchange(const command_apdu& c);
  [[nodiscard]] card_status expect_ok(const command_apdu& c);
  [[nodiscard]] card_result<bytes> read_file(std::uint16_t fid, std::size_t max);
  [[nodiscard]] card_result<pin_state> read_pin_state();

  card_channel& channel_;
};

}  // namespace eimza::card
