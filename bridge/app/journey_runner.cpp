#include "app/journey_runner.hpp"

#include <atomic>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdlib>
#include <ostream>
#include <thread>

#include "ui/terminal_qr.hpp"

namespace eimza::app {

int run_journey_on_terminal(boost::asio::io_context& io, const journey::journey_config& cfg, journey::status_board& board,
                            ui::language lang, std::ostream& out, const std::function<void()>& on_interrupt) {
  const bool tr = lang == ui::language::tr;
  std::atomic<bool> cancel{false}, finished{false}, interrupted{false};
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) interrupted = true;
  });
  bool ok = false;
  std::thread journey_thread([&] {
    ok = journey::run_journey(io, cfg, board, cancel);
    finished = true;
  });
  std::uint64_t seen = 0;
  std::string qr_printed;  // the code last printed: a new one every 30 s while waiting
  while (!finished) {
    if (board.cancel_requested()) cancel = true;  // the journey stops at its next check
    if (interrupted) {
      // Ctrl-C: stop what we started, then leave; the journey thread may be in a long wait.
      out << (tr ? "İptal edildi; kapatılıyor." : "Cancelled; shutting down.") << std::endl;
      cancel = true;
      on_interrupt();
      std::_Exit(130);
    }
    const auto s = board.snapshot();
    if (s.version != seen) {
      seen = s.version;
      out << "[" << journey::stage_name(s.at) << "] " << (tr ? s.message_tr : s.message_en) << std::endl;
      if (cfg.log) cfg.log->info("stage", {{"stage", journey::stage_name(s.at)}, {"message", s.message_en}});
      if (!s.qr_url.empty() && s.qr_url != qr_printed) {
        if (!qr_printed.empty())
          out << (tr ? "Yeni QR kodu (eskisi kısa bir süre daha geçerli):" : "New QR code (the previous one still works for a short while):")
              << std::endl;
        out << ui::render_half_blocks(ui::make_qr(s.qr_url)) << std::flush;
        qr_printed = s.qr_url;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  journey_thread.join();
  signals.cancel();
  const auto last = board.snapshot();
  out << "[" << journey::stage_name(last.at) << "] " << (tr ? last.message_tr : last.message_en) << std::endl;
  for (const auto& w : last.warnings) out << "  ! " << w << std::endl;
  if (cfg.log) {
    for (const auto& w : last.warnings) cfg.log->warn("warning", {{"text", w}});
    cfg.log->write(ok ? log::level::info : log::level::error, ok ? "journey_done" : "journey_failed",
                   {{"stage", journey::stage_name(last.at)}, {"message", last.message_en}});
  }
  return ok ? 0 : 1;
}

}  // namespace eimza::app
