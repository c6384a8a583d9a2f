#pragma once
// The activation journey as a state machine: the states and their transitions are declared in one
// place (flow.cpp: one small function per state, returning the next), and the world comes in
// through three ports — the card, the portal, the phone — plus the status board, a logger, the
// clock and the cancel flag. journey.cpp plugs in the real ones (PC/SC and PKCS#11, the libcurl
// portal session, the relay link); tests/journey/ plugs in fakes and checks every transition.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bridgelink/messages.hpp"
#include "card/card_access.hpp"
#include "card/card_result.hpp"
#include "journey/sas_confirmation.hpp"
#include "journey/status_board.hpp"
#include "log/logger.hpp"
#include "portal/portal_error.hpp"
#include "portal/portal_session.hpp"

namespace eimza::journey {

enum class flow_state {
  find_card,      // wait for the card, read it: a qualified signing certificate with a T.C. Kimlik No
  pair_phone,     // the QR on the desktop, a phone pairs
  confirm_sas,    // the person types the phone's 6 digits on the desktop
  show_card,      // what is on the card, to the phone
  open_portal,    // the portal's login page
  login,          // captcha + security word from the phone (wrong ones: again, the phone decides)
  confirm_phone,  // the registered number, confirmed on the phone
  sms_code,       // the SMS code from the phone (a wrong one: again)
  pin,            // PIN/PUK on the phone; change the PIN (the person's card only), delete, finish
  finish,         // log out, tell the phone, close
  done,
  failed,
};
BOOST_DESCRIBE_ENUM(flow_state, find_card, pair_phone, confirm_sas, show_card, open_portal, login,
                    confirm_phone, sms_code, pin, finish, done, failed)
[[nodiscard]] inline std::string_view flow_state_name(flow_state s) noexcept {
  return ui::enum_name(s);
}

struct card_port {
  virtual ~card_port() = default;
  /// Waits for a card (cancel stops the wait) and reads it.
  [[nodiscard]] virtual card::card_result<card::card_summary> read(const std::atomic<bool>& cancel) = 0;
  /// One attempt on the card read by read(), only on the person's action.
  [[nodiscard]] virtual card::card_status change_pin(const bridgelink::secret_bytes& old_pin,
                                                     const bridgelink::secret_bytes& new_pin) = 0;
};

struct portal_port {
  virtual ~portal_port() = default;
  [[nodiscard]] virtual portal::portal_result<portal::login_screen> open() = 0;
  [[nodiscard]] virtual const portal::login_screen& current_login() const = 0;
  [[nodiscard]] virtual portal::portal_result<portal::phone_screen> login(
      std::string_view kimlik_no, const bridgelink::secret_bytes& captcha,
      const bridgelink::secret_bytes& word) = 0;
  [[nodiscard]] virtual portal::portal_result<portal::step_done> confirm_phone() = 0;
  [[nodiscard]] virtual portal::portal_result<portal::step_done> submit_sms(
      const bridgelink::secret_bytes& code) = 0;
  [[nodiscard]] virtual portal::portal_result<portal::pin_puk_info> pin_puk() = 0;
  [[nodiscard]] virtual portal::portal_result<portal::step_done> delete_passwords(bool person_confirmed) = 0;
  virtual void logout() = 0;
};

struct phone_port {
  virtual ~phone_port() = default;
  /// Shows the QR (status board) until a phone pairs; false when none did (why() says why).
  [[nodiscard]] virtual bool pair(const std::atomic<bool>& cancel) = 0;
  /// The person compares the phone's code and types it on the desktop.
  [[nodiscard]] virtual sas_result confirm_sas() = 0;
  /// One question, one answer (nullopt: the phone left, timed out, cancelled; why() says which).
  [[nodiscard]] virtual std::optional<bridgelink::fields> ask(std::string kind, bridgelink::fields f,
                                                              std::chrono::seconds timeout) = 0;
  /// Ends the link with a bye carrying `reason`.
  virtual void close(const std::string& reason) = 0;
  [[nodiscard]] virtual ui::message why() const = 0;
};

struct flow_ports {
  card_port& card;
  portal_port& portal;
  phone_port& phone;
  status_board& board;
  log::logger& log;  // cancel is the board's (board.cancel_flag()): request_cancel also wakes the waits
  std::function<std::int64_t()> now;  // unix seconds
  std::chrono::seconds step_wait{300};
};

class activation_flow {
 public:
  explicit activation_flow(flow_ports p) : p_(std::move(p)) {}
  /// Runs from find_card to done or failed; true when done. Nothing escapes: a fault is failed.
  bool run();
  /// One transition from the current state (tests step through with it).
  flow_state step();
  [[nodiscard]] flow_state state() const noexcept { return state_; }

 private:
  flow_state find_card();
  flow_state pair_phone();
  flow_state confirm_sas();
  flow_state show_card();
  flow_state open_portal();
  flow_state login();
  flow_state confirm_phone();
  flow_state sms_code();
  flow_state pin();
  flow_state finish();
  flow_state fail(ui::message why);
  flow_state phone_failed();

  flow_ports p_;
  flow_state state_ = flow_state::find_card;
  std::optional<card::card_summary> summary_;
  std::string login_error_, masked_phone_, sms_error_, note_;
  std::optional<portal::pin_puk_info> info_;
  bool serial_matches_ = false, pin_changed_ = false, deleted_ = false;
};

}  // namespace eimza::journey
