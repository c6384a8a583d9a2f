#include "relay/run_loop.hpp"

#include "relay/poll_window.hpp"

namespace eimza::relay {

void run_loop(boost::asio::io_context& io, std::chrono::microseconds busy_poll) {
  if (busy_poll.count() <= 0) {
    io.run();
    return;
  }
  using clock = std::chrono::steady_clock;
  poll_window window(busy_poll);
  bool idle = false;             // the loop found nothing to do since its last work...
  clock::time_point idle_since;  // ...at this moment
  const auto worked = [&] {
    if (idle) window.idle_ended(clock::now() - idle_since);
    idle = false;
  };
  for (;;) {
    if (io.poll() > 0) {
      worked();
      continue;
    }
    if (io.stopped()) return;  // stopped, or nothing left to do
    const auto now = clock::now();
    if (!idle) idle = true, idle_since = now;
    if (now - idle_since < window.current()) continue;  // not polling: busy polling, adaptive and bounded
    if (io.run_one() == 0) return;                      // sleeps until there is work
    worked();
  }
}

}  // namespace eimza::relay
