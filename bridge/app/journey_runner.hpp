#pragma once
// What `bridge demo` and `bridge run` share once their parts are up: the journey on its own
// thread, its progress on the terminal (stage + message, the QR each time it changes, the
// warnings at the end) and Ctrl-C/SIGTERM. Returns the exit code: 0 done, 1 failed, 130
// interrupted: the journey is cancelled and ends through its normal path (destructors, bye); only a
// second signal or a wait that cannot be cut short (15 s) calls on_interrupt and quits at once.
#include <boost/asio/io_context.hpp>
#include <functional>
#include <iosfwd>
#include <string>

#include "app/commands.hpp"
#include "journey/journey.hpp"
#include "journey/status_board.hpp"
#include "ui/text.hpp"

namespace eimza::app {

struct runner_options {
  ui::language lang = ui::language::tr;
  tray_mode tray = tray_mode::automatic;
  std::function<std::string()> desktop_url;  // a new one-time link for each "Show QR" in the tray
};

int run_journey_on_terminal(boost::asio::io_context& io, const journey::journey_config& cfg,
                            journey::status_board& board, const runner_options& ro, std::ostream& out,
                            const std::function<void()>& on_interrupt);

}  // namespace eimza::app
