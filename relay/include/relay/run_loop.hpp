#pragma once
// The relay's event loop. With busy polling off (`relay --busy-poll-us 0`) Asio's run(): the
// thread sleeps in epoll until a socket or timer needs it. With it (the `relay` program's default,
// up to 200 µs) the thread keeps polling for a while after its last work before it sleeps, so a
// message arriving within that time is handled without a wake-up — on a 2-core VM a
// request/response round trip through the relay takes about a third of the time. How long it
// polls adapts to the traffic (poll_window.hpp): exchanges that follow each other closely keep
// it polling, sparse traffic soon stops it, and an idle relay sleeps. docs/relay.md "Busy polling".
#include <boost/asio/io_context.hpp>
#include <chrono>

namespace eimza::relay {

/// Where the loop's polling went (the relay's /metrics, relay_busy_poll_seconds_total): polling
/// that work ended (a wake-up saved) and polling that ended in sleep (CPU for nothing).
struct polling_time {
  std::chrono::nanoseconds caught{}, missed{};
};

/// Runs io until it runs out of work or is stopped; `spent`, if given, is kept up to date.
void run_loop(boost::asio::io_context& io, std::chrono::microseconds busy_poll,
              polling_time* spent = nullptr);

}  // namespace eimza::relay
