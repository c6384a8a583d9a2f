#pragma once
// The Kamu SM portal simulator's logic, sans-I/O: an HTTP call in, a reply out. It reproduces
// the "Şifreli Giriş" screens (docs/portal.md): captcha, security word with 3-strikes blocking,
// phone confirmation, SMS code with expiry and limited tries, menu, PIN/PUK, delete, logout,
// session cookies with expiry, a hidden per-form token, and two markups with different texts.
// Internal field names are random per start so a client can only work by visible labels.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bridgelink/random.hpp"
#include "portal/markup.hpp"

namespace eimza::sim {

struct portal_account {
  std::string tckn, security_word, phone, card_serial, pin, puk;
  int failed_logins = 0;
  bool blocked = false;
  bool passwords_deleted = false;
};

/// [{"tckn","security_word","phone","card_serial","pin","puk"?}]; throws on bad input.
[[nodiscard]] std::vector<portal_account> load_accounts(const std::string& path);

struct portal_faults {
  std::chrono::milliseconds latency{0};
  std::string fail_step;  // answer 503 on this step
  std::string drop_step;  // close the connection without answering on this step
  std::chrono::milliseconds slow_captcha{0};
  std::string expire_after_step;  // the session expires right after this step succeeds
};

struct portal_options {
  std::string markup =
      "kamusm";  // "alt", or a markup JSON file (markup.hpp): other texts and HTML, same flow
  std::chrono::seconds session_ttl{600};
  std::chrono::seconds sms_ttl{180};
  int sms_tries = 3;
  int login_tries = 3;
  std::string test_token;  // required by /__test/* (header X-Test-Token)
  portal_faults faults;
};

struct http_call {
  std::string method, target, cookie, body, test_token;
};

struct http_reply {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string set_cookie;
  std::string location;
  std::chrono::milliseconds delay{0};
  bool drop = false;
  std::string step;  // which flow step this was (for logs and faults)
};

struct sms_message {
  std::string tckn, phone, code;
  std::int64_t sent_at = 0;
};

class portal_app {
 public:
  using clock_fn = std::function<std::chrono::steady_clock::time_point()>;
  portal_app(
      std::vector<portal_account> accounts, portal_options opts, bridgelink::random_source& rng,
      clock_fn clock = [] { return std::chrono::steady_clock::now(); });

  [[nodiscard]] http_reply handle(const http_call& call);
  /// Called for every SMS (demo mode prints it).
  std::function<void(const sms_message&)> on_sms;

 private:
  struct sms_state {
    std::string code;
    std::chrono::steady_clock::time_point expires;
    int tries_left = 0;
  };
  enum class stage { anonymous, phone_confirm, sms_send, sms_code, menu };
  struct session {
    std::string token;
    std::string captcha;
    stage at = stage::anonymous;
    portal_account* account = nullptr;
    sms_state sms;
    std::chrono::steady_clock::time_point last_seen;
    std::optional<http_reply> after_refresh;  // refresh_after_post: the answer GET /r gives
  };
  [[nodiscard]] std::string random_id(std::size_t n);
  [[nodiscard]] http_reply page(const std::string& title, const std::string& content, session* s = nullptr);
  [[nodiscard]] http_reply route(const http_call& call, session*& s, std::string& sid, bool& new_session);
  [[nodiscard]] http_reply login_page(session& s, const std::string& error);
  [[nodiscard]] http_reply phone_page(session& s);
  [[nodiscard]] http_reply send_page(session& s, const std::string& error);
  [[nodiscard]] http_reply sms_page(session& s, const std::string& error);
  [[nodiscard]] http_reply menu_page(session& s, const std::string& note);
  [[nodiscard]] http_reply pin_puk_page(session& s);
  [[nodiscard]] http_reply expired_page();
  [[nodiscard]] http_reply test_endpoint(const http_call& call);
  [[nodiscard]] std::string form_open(session& s, const std::string& action);
  [[nodiscard]] std::string button(const std::string& name, const std::string& value,
                                   const std::string& text);
  [[nodiscard]] std::string field(const std::string& label, const std::string& name, const std::string& type);
  [[nodiscard]] std::string message(const std::string& text, const char* cls = "hata");
  [[nodiscard]] std::string captcha_markup(session& s);
  /// The value the person chose with a button named `name` (plain, image or postback).
  [[nodiscard]] std::string action_of(const std::map<std::string, std::string>& form,
                                      const std::string& name) const;
  void send_sms(session& s);

  std::vector<portal_account> accounts_;
  portal_options opts_;
  bridgelink::random_source& rng_;
  clock_fn clock_;
  std::shared_ptr<const markup> t_;
  std::map<std::string, std::string> names_;  // logical field -> random name of this run
  std::map<std::string, session> sessions_;
  std::vector<sms_message> outbox_;
  std::map<std::string, int> posts_;  // step -> POSTs received (tests prove no resubmission)
  std::string last_captcha_;
};

}  // namespace eimza::sim
