#include "relay/run_loop.hpp"

#include <thread>

#include "relay/poll_window.hpp"

namespace eimza::relay {

void run_loop(boost::asio::io_context& io, std::chrono::microseconds busy_poll, polling_time* spent) {
  if (busy_poll.count() <= 0) {
    io.run();
    return;
  }
  using clock = std::chrono::steady_clock;
  poll_window window(busy_poll);
  bool idle = false;             // the loop found nothing to do since its last work...
  clock::time_point idle_since;  // ...at this moment
  bool slept = false;            // ...and has slept since
  const auto worked = [&] {
    if (idle) {
      const auto spell = clock::now() - idle_since;
      window.idle_ended(spell);
      if (spent && !slept) spent->caught += spell;  // polled the whole spell, and it paid off
    }
    idle = slept = false;
  };
  for (;;) {
    if (io.poll() > 0) {
      worked();
      continue;
    }
    if (io.stopped()) return;  // stopped, or nothing left to do
    const auto now = clock::now();
    if (!idle) idle = true, idle_since = now;
    if (now - idle_since < window.current()) {  // not polling: busy polling, adaptive and bounded
      std::this_thread::yield();                // a process waiting for this core goes first
      continue;
    }
    if (spent && window.current().count() > 0) spent->missed += now - idle_since;
    slept = true;
    if (io.run_one() == 0) return;  // sleeps until there is work
    worked();
  }
}

}  // namespace eimza::relay
