#pragma once
// The journey's one place to wait (docs/architecture.md "Concurrency"). Whatever the journey or the
// terminal may be waiting for calls notify(): a message or a state change of the phone link (from
// the io thread), the card pulled or back (the PC/SC watch thread), the person's cancel or SAS, a
// new stage for the terminal (the status board). A waiter takes the generation, checks its
// condition, and sleeps until the generation moves or its deadline passes: no periodic wake-ups,
// and a deadline is only ever a real timeout. Nothing is done while holding the lock, so a
// notifier may hold its own lock when it calls notify() without any risk of a cycle.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace eimza::journey {

class wakeup {
 public:
  using clock = std::chrono::steady_clock;

  [[nodiscard]] std::uint64_t generation() const {
    std::lock_guard lk(m_);
    return generation_;
  }
  /// Any thread.
  void notify() {
    {
      std::lock_guard lk(m_);
      ++generation_;
    }
    cv_.notify_all();
  }
  /// Sleeps while nothing was notified since `seen`; false when the deadline came first.
  bool wait(std::uint64_t seen, clock::time_point deadline) const {
    std::unique_lock lk(m_);
    return cv_.wait_until(lk, deadline, [&] { return generation_ != seen; });
  }
  /// Sleeps while nothing was notified since `seen`, with no deadline.
  void wait(std::uint64_t seen) const {
    std::unique_lock lk(m_);
    cv_.wait(lk, [&] { return generation_ != seen; });
  }
  /// Until pred() holds (true) or the deadline passes (pred's last value).
  template <class Pred>
  bool wait_until(clock::time_point deadline, Pred pred) const {
    for (;;) {
      const auto seen = generation();
      if (pred()) return true;
      if (!wait(seen, deadline)) return pred();
    }
  }

 private:
  mutable std::mutex m_;
  mutable std::condition_variable cv_;
  std::uint64_t generation_ = 0;
};

}  // namespace eimza::journey
