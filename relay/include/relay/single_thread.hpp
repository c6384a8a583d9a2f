#pragma once
// The single-io-thread invariant (docs/architecture.md "Concurrency"), checked: state that the
// relay's connections (and the desktop page's sessions) share without locks must only ever be
// touched from one thread — the one running the io_context. The first thread to touch it owns it;
// any other aborts at once with a message, instead of racing on a map. A thread-id compare: on in
// every build we test and ship.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace eimza::relay {

class single_thread {
 public:
  /// Call before touching the shared state.
  void check(const char* what) const noexcept {
    const auto me = std::this_thread::get_id();
    auto owner = std::thread::id{};
    if (owner_.compare_exchange_strong(owner, me) || owner == me) return;
    std::fprintf(stderr, "fatal: %s touched from a second thread (the single-io-thread invariant)\n", what);
    std::abort();
  }
  /// The io thread has ended (io_context stopped): the calling thread takes the state over, e.g.
  /// to destroy what the io_context's handlers still held.
  void adopt() const noexcept { owner_ = std::this_thread::get_id(); }

 private:
  mutable std::atomic<std::thread::id> owner_{};
};

}  // namespace eimza::relay
