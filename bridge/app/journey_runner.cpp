#include "app/journey_runner.hpp"

#include <atomic>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <optional>
#include <ostream>
#include <thread>

#ifndef _WIN32
#include <signal.h>
#include <unistd.h>
#endif

#include "app/app_text.hpp"
#include "journey/desktop_text.hpp"
#include "journey/journey_text.hpp"
#include "platform/open_url.hpp"
#include "platform/tray.hpp"
#include "ui/terminal_qr.hpp"

namespace eimza::app {

namespace {

platform::tray_state tray_state_of(journey::stage s) {
  switch (s) {
    case journey::stage::waiting_card: return platform::tray_state::waiting_card;
    case journey::stage::waiting_phone:
    case journey::stage::waiting_sas: return platform::tray_state::waiting_phone;
    case journey::stage::on_phone:
    case journey::stage::portal: return platform::tray_state::in_progress;
    case journey::stage::done: return platform::tray_state::done;
    case journey::stage::failed: return platform::tray_state::error;
  }
  return platform::tray_state::in_progress;
}

// Stages where the person has to do something: worth a notification.
bool needs_person(journey::stage s) {
  return s == journey::stage::waiting_phone || s == journey::stage::waiting_sas ||
         s == journey::stage::done || s == journey::stage::failed;
}

}  // namespace

int run_journey_on_terminal(boost::asio::io_context& io, const journey::journey_config& cfg,
                            journey::status_board& board, const runner_options& ro, std::ostream& out,
                            const std::function<void()>& on_interrupt) {
  auto say = [&](const ui::message& m) { return ui::say(ro.lang, m); };
  std::unique_ptr<platform::tray> tray;
  if (ro.tray != tray_mode::off) {
    std::string why_not;
    platform::tray_actions actions{
        {say(app_text::tray_show), [url = ro.desktop_url] { (void)platform::open_url_privately(url()); }},
        {say(app_text::tray_cancel), [&board] { board.request_cancel(); }},
        {say(app_text::tray_quit), [] {
#ifdef _WIN32
           std::raise(SIGTERM);  // the CRT's signal, which Asio's signal_set listens to there
#else
           ::kill(::getpid(), SIGTERM);  // to the process, whichever thread takes it
#endif
         }}};
    tray = platform::make_tray("eimza_companion", "e-imza companion", std::move(actions), why_not);
    if (!tray && ro.tray == tray_mode::on)
      out << say({app_text::tray_missing, {{"why", why_not}}}) << std::endl;
    if (cfg.log) cfg.log->info("tray", {{"shown", tray != nullptr}, {"why_not", why_not}});
  }
  // The icon and its text follow every change (the step, what is said); a notification only where
  // the person has to act: the QR, the code, each step on the phone, a pause, the end.
  std::string notified_for;  // what the last notification was about
  auto show_on_tray = [&](const journey::status_snapshot& s) {
    if (!tray) return;
    const auto message = say(s.message);
    tray->set_state(tray_state_of(s.at), say(journey::step_label(s.step)) + ": " + message);
    const auto pause = journey::pause_of(s);
    const bool paused = pause == "card" || pause == "phone";
    std::optional<std::string> note;
    if (needs_person(s.at) || paused)
      note = message;
    else if (s.at == journey::stage::on_phone)
      if (const auto todo = journey::step_todo(s.step)) note = say(*todo);
    const auto about = std::string(journey::stage_name(s.at)) + "/" + std::string(ui::enum_name(s.step)) +
                       "/" + s.message.key();
    if (note && about != notified_for) {
      tray->notify("e-imza companion", *note);
      notified_for = about;
    }
  };
  // The main thread sleeps on the board's wakeup: a new stage, a signal (io thread) and the end
  // of the journey thread all notify it. No periodic wake-up.
  auto& events = board.events();
  std::atomic<bool> finished{false};
  std::atomic<int> interrupts{0};
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [&](const boost::system::error_code& ec, int) {
        if (ec) return;
        ++interrupts;
        events.notify();
        signals.async_wait(on_signal);  // a second Ctrl-C is heard too
      };
  signals.async_wait(on_signal);
  bool ok = false;
  std::thread journey_thread([&] {
    // Nothing may escape this thread (std::terminate would skip the wiping destructors): a fault
    // ends the journey with a message on both screens.
    try {
      ok = journey::run_journey(io, cfg, board);
    } catch (const std::exception&) {
      ok = false;
      board.set(journey::stage::failed, journey::journey_text::internal_error);
    }
    finished = true;
    events.notify();
  });
  std::uint64_t seen = 0;
  std::string qr_printed;  // the code last printed: a new one every 30 s while waiting
  // Ctrl-C/SIGTERM: the journey is cancelled and ends through its normal path — destructors run,
  // secrets are wiped, the phone gets its bye. Only a second signal, or a wait we cannot cut short
  // (an HTTP request in flight, at most its timeout), ends the process at once.
  std::optional<std::chrono::steady_clock::time_point> interrupted_at;
  while (!finished) {
    const auto generation = events.generation();
    if (interrupts > 0 && !interrupted_at) {
      out << say(app_text::interrupted) << std::endl;
      interrupted_at = std::chrono::steady_clock::now();
      board.request_cancel();  // every wait of the journey ends
      if (cfg.log) cfg.log->info("interrupted");
    }
    if (interrupted_at &&
        (interrupts > 1 || std::chrono::steady_clock::now() - *interrupted_at >= std::chrono::seconds(15))) {
      on_interrupt();  // stop what we started, then leave without waiting any longer
      std::_Exit(130);
    }
    const auto s = board.snapshot();
    if (s.version != seen) {
      seen = s.version;
      out << "[" << journey::stage_name(s.at) << "] " << say(s.message) << std::endl;
      if (cfg.log)
        cfg.log->info("stage", {{"stage", journey::stage_name(s.at)}, {"message", s.message.key()}});
      show_on_tray(s);
      if (!s.qr_url.empty() && s.qr_url != qr_printed) {
        if (!qr_printed.empty()) out << say(app_text::new_qr) << std::endl;
        out << ui::render_half_blocks(ui::make_qr(s.qr_url)) << std::flush;
        qr_printed = s.qr_url;
      }
    }
    if (finished) break;
    // Until something happens; once interrupted, at most until the 15 s are up.
    if (interrupted_at)
      (void)events.wait(generation, *interrupted_at + std::chrono::seconds(15));
    else
      events.wait(generation);
  }
  journey_thread.join();
  signals.cancel();
  if (interrupted_at) {
    if (cfg.log) cfg.log->info("journey_interrupted");
    out << "[" << journey::stage_name(board.snapshot().at) << "] " << say(journey::journey_text::cancelled)
        << std::endl;
    return 130;
  }
  const auto last = board.snapshot();
  out << "[" << journey::stage_name(last.at) << "] " << say(last.message) << std::endl;
  show_on_tray(last);  // done and failed are stages that need the person
  for (const auto& w : last.warnings) out << "  ! " << say(w) << std::endl;
  if (cfg.log) {
    for (const auto& w : last.warnings) cfg.log->warn("warning", {{"text", ui::say(ui::language::en, w)}});
    cfg.log->write(ok ? log::level::info : log::level::error, ok ? "journey_done" : "journey_failed",
                   {{"stage", journey::stage_name(last.at)}, {"message", last.message.key()}});
  }
  return ok ? 0 : 1;
}

}  // namespace eimza::app
