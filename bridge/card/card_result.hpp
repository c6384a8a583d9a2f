#pragma once
// Result type for card operations: a value or a card_errc.
#include "bridgelink/errors.hpp"
#include "card/card_error.hpp"

namespace eimza::card {

template <class T>
using card_result = bridgelink::basic_result<T, card_errc>;

struct done_t {};
using card_status = card_result<done_t>;
inline constexpr done_t done{};

}  // namespace eimza::card
