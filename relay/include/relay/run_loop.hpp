#pragma once
// The relay's event loop. By default Asio's run(): the thread sleeps in epoll until a socket or
// timer needs it. With busy polling (`relay --busy-poll-us N`, opt-in) the thread keeps polling
// for up to N µs after it last had work before it sleeps, so a message arriving within that time
// is handled without a wake-up — on a 2-core VM a request/response round trip through the relay
// takes about a third of the time — at the price of up to N µs of CPU after each burst of work. An idle
// relay still sleeps. docs/relay.md "Busy polling".
#include <boost/asio/io_context.hpp>
#include <chrono>

namespace eimza::relay {

void run_loop(boost::asio::io_context& io, std::chrono::microseconds busy_poll);

}  // namespace eimza::relay
