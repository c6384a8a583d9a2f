#include "relay/run_loop.hpp"

namespace eimza::relay {

void run_loop(boost::asio::io_context& io, std::chrono::microseconds busy_poll) {
  if (busy_poll.count() <= 0) {
    io.run();
    return;
  }
  using clock = std::chrono::steady_clock;
  auto last_work = clock::now();
  for (;;) {
    if (io.poll() > 0) {
      last_work = clock::now();
      continue;
    }
    if (io.stopped()) return;                            // stopped, or nothing left to do
    if (clock::now() - last_work < busy_poll) continue;  // not polling: busy polling, opt-in and bounded
    if (io.run_one() == 0) return;                       // sleeps until there is work
    last_work = clock::now();
  }
}

}  // namespace eimza::relay
