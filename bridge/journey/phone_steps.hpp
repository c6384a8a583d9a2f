#pragma once
// One question to the phone at a time: a step request with a fresh id and its single answer.
// While waiting it keeps the step alive: sends it again when the phone comes back without its
// state (page reloaded), tells the desktop when the phone is away, and pauses when the card is
// pulled (the phone is told why) until the same card is back.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "bridgelink/messages.hpp"
#include "bridgelink/random.hpp"
#include "bridgelink/step_tracker.hpp"
#include "journey/status_board.hpp"
#include "journey/step_ports.hpp"

namespace eimza::journey {

struct card_guard {
  card_presence_port* presence = nullptr;  // null: no pause on removal
  std::function<bool()> reattach;          // after re-insertion: reconnects; false if another card
  std::chrono::seconds wait{300};
};

class phone_steps {
 public:
  /// Cancel is the board's (status_board::request_cancel), which also wakes every wait here.
  phone_steps(message_link& link, bridgelink::random_source& rng, status_board& board, card_guard guard)
      : link_(link), steps_(rng), board_(board), cancel_(board.cancel_flag()), guard_(std::move(guard)) {}

  /// The phone's answer, or nullopt (then why() says what went wrong).
  [[nodiscard]] std::optional<bridgelink::fields> ask(std::string kind, bridgelink::fields f,
                                                      std::chrono::seconds timeout);
  /// Tells the phone something without waiting for an answer (e.g. a pause).
  void tell(std::string kind, bridgelink::fields f);

  [[nodiscard]] const ui::message& why() const noexcept { return why_; }

 private:
  bool pause_for_card();
  std::nullopt_t failed(ui::message why);

  message_link& link_;
  bridgelink::step_tracker steps_;
  status_board& board_;
  const std::atomic<bool>& cancel_;
  card_guard guard_;
  ui::message why_;
};

/// Fields from a list of (key, value) pairs.
[[nodiscard]] bridgelink::fields fields_of(
    std::initializer_list<std::pair<const char*, bridgelink::field_value>> list);

}  // namespace eimza::journey
