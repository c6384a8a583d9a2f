#include "journey/sas_confirmation.hpp"

namespace eimza::journey {

sas_result confirm_sas(phone_link& link, const std::string& sas, status_board& board,
                       std::chrono::seconds timeout) {
  board.arm_sas(sas);
  link.on_end([&board] { board.withdraw_sas(); });  // runs at once if the link has already ended
  const bool accepted = board.wait_sas(timeout);
  link.on_end({});
  if (board.cancel_requested()) return sas_result::cancelled;
  if (link.closed()) return sas_result::phone_gone;
  return accepted ? sas_result::confirmed : sas_result::rejected;
}

}  // namespace eimza::journey
