#pragma once
// How long the relay's event loop polls for work before it sleeps (run_loop.hpp), adapted to the
// traffic the way Linux's guest halt-polling adapts. After each idle spell (from the moment the
// loop found nothing to do to the next work, polling and sleeping together): one that ended within
// the window was caught by polling, nothing changes; one that ended after the window but within
// the limit means a longer window would have saved that wake-up, so the window grows (doubling,
// starting from a quarter of the limit); one longer than the limit means polling could not have
// helped, so the window halves, down to nothing. Back-to-back exchanges (a phone and a bridge
// answering each other) so never sleep, while sparse traffic (a person typing a code, a ping every
// 25 s) soon costs no polling at all. Sans-I/O: the loop reports idle spells, this says how long
// to poll.
#include <chrono>

namespace eimza::relay {

class poll_window {
 public:
  /// limit 0: never poll (the loop sleeps as soon as it has nothing to do).
  explicit poll_window(std::chrono::microseconds limit) noexcept : limit_(limit) {}

  /// How long to poll after the last work before sleeping.
  [[nodiscard]] std::chrono::microseconds current() const noexcept { return current_; }

  /// The loop had no work for `idle` and now has work again.
  void idle_ended(std::chrono::nanoseconds idle) noexcept;

 private:
  std::chrono::microseconds limit_;
  std::chrono::microseconds current_{0};  // starts without polling: an idle relay never spins
};

}  // namespace eimza::relay
