#pragma once
// The person compares the 6-digit code on the phone with the handshake's and types it on the
// desktop. The check is withdrawn the moment the phone's channel ends for good: a code typed
// after that confirms nothing and the desktop page says so.
#include <chrono>
#include <string>

#include "journey/phone_link.hpp"
#include "journey/status_board.hpp"

namespace eimza::journey {

enum class sas_result { confirmed, rejected, cancelled, phone_gone };

[[nodiscard]] sas_result confirm_sas(phone_link& link, const std::string& sas, status_board& board,
                                     std::chrono::seconds timeout);

}  // namespace eimza::journey
