#pragma once
// What the desktop shows (QR, stage, a plain message, warnings) and the one thing the desktop
// feeds back (the SAS the person types). Thread-safe: the journey thread writes, the desktop
// page server reads. Holds no secret: the PIN never comes here.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bridgelink/sas_verifier.hpp"
#include "journey/wakeup.hpp"
#include "ui/message.hpp"

namespace eimza::journey {

enum class stage { waiting_card, waiting_phone, waiting_sas, on_phone, portal, done, failed };
BOOST_DESCRIBE_ENUM(stage, waiting_card, waiting_phone, waiting_sas, on_phone, portal, done, failed)
[[nodiscard]] inline std::string_view stage_name(stage s) noexcept {
  return ui::enum_name(s);
}

// Where the journey stands in the person's words (the desktop page's and the phone page's step
// bar): Kart → Portal girişi → Telefon onayı → SMS kodu → PIN → Bitti.
enum class journey_step { card, portal_login, phone_confirm, sms_code, pin, done };
BOOST_DESCRIBE_ENUM(journey_step, card, portal_login, phone_confirm, sms_code, pin, done)

// The card's facts for the person to check on the desktop (never a secret: no PIN here).
struct card_facts {
  std::string holder, tckn_masked, serial, valid_from, valid_to;
  std::string validity;  // validity_name: "valid", "not_yet_valid", "expired"
  ui::message verdict;   // the NES verdict's sentence
};

struct status_snapshot {
  stage at = stage::waiting_card;
  journey_step step = journey_step::card;
  std::optional<card_facts> card;  // once a card with a signing certificate was read
  bool portal_slow = false;        // a portal request is taking long (a pause, not a failure)
  ui::message message;             // put into words by each surface, in its language
  std::string qr_url;              // shown as a QR while waiting for the phone
  std::vector<ui::message> warnings;
  int sas_attempts_left = 0;
  std::uint64_t version = 0;
};

/// What the journey is paused on, without having failed: "portal" (slow), "card" (pulled), "phone"
/// (away), "reader" (none plugged in); "" otherwise. One reading for the desktop page and the tray.
[[nodiscard]] std::string pause_of(const status_snapshot& s);

class status_board {
 public:
  void set(stage s, ui::message m);
  void set_step(journey_step s);
  void set_card(card_facts c);
  void set_portal_slow(bool slow);
  void set_qr(std::string url);
  void add_warning(ui::message w);
  [[nodiscard]] status_snapshot snapshot() const;

  /// The journey arms the check with the SAS of the handshake and waits for the person.
  void arm_sas(const std::string& sas);
  /// From the desktop page. The verifier's outcome, or nullopt when there is nothing to confirm
  /// (not armed yet, or withdrawn because the phone's channel ended).
  [[nodiscard]] std::optional<bridgelink::sas_verifier::outcome> submit_sas(std::string_view typed);
  /// The phone's channel ended: a code typed now confirms nothing, and the wait ends (false).
  void withdraw_sas();
  /// true once accepted; false when locked (3 wrong), withdrawn, cancelled or on timeout.
  [[nodiscard]] bool wait_sas(std::chrono::seconds timeout);

  /// The person pressed Cancel (desktop page, tray, Ctrl-C). The journey stops at its next check,
  /// and whatever it waits for ends now (the wakeup is notified).
  void request_cancel();
  [[nodiscard]] bool cancel_requested() const { return cancel_; }
  /// For a wait the wakeup cannot reach (PC/SC): `f` runs on request_cancel (on its thread), or at
  /// once when already cancelled. An empty one removes it.
  void on_cancel(const std::function<void()>& f);
  /// The flag itself, for the journey's waits (set only by request_cancel, which notifies).
  [[nodiscard]] const std::atomic<bool>& cancel_flag() const noexcept { return cancel_; }

  /// Notified on every change above; the phone link and the card watch notify it too
  /// (journey/wakeup.hpp).
  [[nodiscard]] wakeup& events() const noexcept { return events_; }

  /// For an asynchronous reader (the desktop page on the io thread): `f` runs after every change
  /// of the board, on the changing thread, without the board's lock; it should only post.
  /// Returns a handle for unsubscribe().
  [[nodiscard]] std::uint64_t subscribe(std::function<void()> f);
  void unsubscribe(std::uint64_t handle);

 private:
  void changed();  // after m_ is released
  mutable std::mutex m_;
  status_snapshot s_;
  std::unique_ptr<bridgelink::sas_verifier> sas_;
  bool sas_done_ = false, sas_ok_ = false;
  std::atomic<bool> cancel_{false};
  std::function<void()> on_cancel_;                                           // under m_
  std::vector<std::pair<std::uint64_t, std::function<void()>>> subscribers_;  // under m_
  std::uint64_t next_subscriber_ = 1;
  mutable wakeup events_;
};

}  // namespace eimza::journey
