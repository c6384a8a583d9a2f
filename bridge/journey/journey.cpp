#include "journey/journey.hpp"

#include <chrono>
#include <memory>
#include <optional>

#include "bridgelink/random.hpp"
#include "card/open_card.hpp"
#include "card/pcsc.hpp"
#include "journey/card_presence.hpp"
#include "journey/flow.hpp"
#include "journey/journey_text.hpp"
#include "journey/phone_pairing.hpp"
#include "journey/phone_steps.hpp"
#include "platform/clock.hpp"
#include "portal/http_client_loader.hpp"

// The real ports of the activation flow (flow.hpp): PC/SC and PKCS#11, the libcurl portal
// session, the relay link. The flow itself — states and transitions — is in flow.cpp.
namespace eimza::journey {
namespace bl = bridgelink;

namespace {

// The card in a PC/SC reader, watched once found: pulling it pauses the next step on the phone.
class pcsc_card final : public card_port {
 public:
  pcsc_card(const journey_config& cfg, status_board& board) : cfg_(cfg), board_(board) {}

  card::card_result<card::card_summary> read(const std::atomic<bool>& cancel) override {
    auto ctx = card::pcsc_context::establish();
    if (!ctx) return ctx.error();
    ctx_.emplace(std::move(*ctx));
    // Cancel reaches the PC/SC wait at once (SCardCancel); the progress report every few seconds
    // catches a cancel that landed just before the wait began.
    board_.on_cancel([this] { ctx_->cancel(); });
    auto reader = ctx_->wait_for_card(
        cfg_.reader, cfg_.card_wait, [&cancel](std::chrono::seconds) { return !cancel; },
        cfg_.skip_virtual_readers,
        [this](bool any_reader) {
          board_.set(stage::waiting_card, any_reader ? journey_text::waiting_card : journey_text::no_reader);
        });
    board_.on_cancel({});
    if (!reader) return reader.error();
    reader_ = *reader;
    presence_ = std::make_unique<card_presence>(reader_, [this] { board_.events().notify(); });
    if (const auto e = presence_->start(); e != card::card_errc{}) return e;
    // The watch reports the card already in as its first event.
    (void)board_.events().wait_until(wakeup::clock::now() + std::chrono::seconds(5),
                                     [&] { return cancel || presence_->present(); });
    auto opened = card::open_card(*ctx_, reader_, cfg_.pkcs11_module);
    if (!opened) return opened.error();
    card_ = std::move(*opened);
    auto summary = card_->read_summary();
    if (summary) serial_ = summary->serial;
    return summary;
  }

  card::card_status change_pin(const bl::secret_bytes& old_pin, const bl::secret_bytes& new_pin) override {
    if (!card_) return card::card_errc::no_card;
    return card_->change_pin(old_pin, new_pin);
  }

  // Pauses a phone step while the card is out; after re-insertion a new PC/SC handle, and the same
  // card (serial) or nothing.
  card_guard guard() {
    return card_guard{presence_.get(),
                      [this] {
                        card_.reset();
                        auto again = card::open_card(*ctx_, reader_, cfg_.pkcs11_module);
                        if (!again) return false;
                        card_ = std::move(*again);
                        auto s = card_->read_summary();
                        return s && s->serial == serial_;
                      },
                      cfg_.card_wait};
  }

 private:
  const journey_config& cfg_;
  status_board& board_;
  std::optional<card::pcsc_context> ctx_;
  std::string reader_, serial_;
  std::unique_ptr<card_presence> presence_;
  std::unique_ptr<card::card_access> card_;
};

// The portal through the libcurl module, loaded when the portal is first needed.
class http_portal final : public portal_port {
 public:
  http_portal(const journey_config& cfg, log::logger& lg, status_board& board)
      : cfg_(cfg), log_(lg), board_(board) {}

  portal::portal_result<portal::login_screen> open() override {
    std::string why;
    auto options = cfg_.http;
    // A slow portal is a pause the person is told about (nothing is sent again meanwhile).
    options.on_slow = [this](bool slow) { board_.set_portal_slow(slow); };
    http_ = portal::load_http_client(options, why);
    if (!http_) {
      log_.error("portal_client_not_loaded", {{"why", why}});
      return portal::portal_errc::internal;
    }
    session_ = std::make_unique<portal::portal_session>(*http_, cfg_.profile);
    return session_->open();
  }
  const portal::login_screen& current_login() const override { return session_->current_login(); }
  portal::portal_result<portal::phone_screen> login(std::string_view kimlik_no,
                                                    const bl::secret_bytes& captcha,
                                                    const bl::secret_bytes& word) override {
    return session_->login(kimlik_no, captcha, word);
  }
  portal::portal_result<portal::step_done> confirm_phone() override { return session_->confirm_phone(); }
  portal::portal_result<portal::step_done> submit_sms(const bl::secret_bytes& code) override {
    return session_->submit_sms(code);
  }
  portal::portal_result<portal::pin_puk_info> pin_puk() override { return session_->pin_puk(); }
  portal::portal_result<portal::step_done> delete_passwords(bool confirmed) override {
    return session_->delete_passwords(confirmed);
  }
  void logout() override {
    if (session_) session_->logout();
  }

 private:
  const journey_config& cfg_;
  log::logger& log_;
  status_board& board_;
  std::unique_ptr<portal::http_client> http_;
  std::unique_ptr<portal::portal_session> session_;
};

// The phone over the relay: the QR rotation until one pairs, the SAS, then one step at a time.
class relay_phone final : public phone_port {
 public:
  relay_phone(boost::asio::io_context& io, const journey_config& cfg, status_board& board, log::logger& lg,
              std::function<card_guard()> guard)
      : io_(io), cfg_(cfg), board_(board), log_(lg), guard_(std::move(guard)) {}
  ~relay_phone() override {
    steps_.reset();  // before the link it refers to
  }

  bool pair(const std::atomic<bool>& /*cancel: the board's, which wait_for_phone reads*/) override {
    const auto bridge_static = bl::noise::keypair::generate();
    bl::qr_rotation::options qo;
    qo.bridge_key = bridge_static.pub;
    qo.flags = cfg_.qr_flags;
    qo.origin = cfg_.companion_origin;
    qo.lan = cfg_.lan;
    bl::qr_rotation rotation(qo, rng_, static_cast<std::uint64_t>(platform::unix_seconds()));
    phone_link::options link_options;
    link_options.resume_wait = cfg_.step_wait;
    auto paired =
        wait_for_phone(io_, cfg_.relay, bridge_static, rotation, link_options, board_, cfg_.pairing_wait);
    if (!paired.link) {
      if (!paired.log_detail.empty()) log_.warn("relay_failed", {{"detail", paired.log_detail}});
      why_ = paired.why;
      return false;
    }
    link_ = paired.link;
    sas_ = paired.sas;
    return true;
  }

  sas_result confirm_sas() override {
    const auto r = journey::confirm_sas(*link_, sas_, board_, std::chrono::seconds(180));
    if (r == sas_result::phone_gone) log_.warn("phone_link_ended", {{"link", link_->last_error()}});
    return r;
  }

  std::optional<bl::fields> ask(std::string kind, bl::fields f, std::chrono::seconds timeout) override {
    if (!steps_) steps_ = std::make_unique<phone_steps>(*link_, rng_, board_, guard_());
    auto answer = steps_->ask(std::move(kind), std::move(f), timeout);
    if (!answer) why_ = steps_->why();
    return answer;
  }

  void close(const std::string& reason) override {
    if (!link_) return;
    link_->close(reason);  // returns once the phone acknowledged the bye (or after 3 s)
    log_.info("phone_bye", {{"acknowledged", link_->bye_acknowledged()}});
  }

  ui::message why() const override { return why_; }

 private:
  boost::asio::io_context& io_;
  const journey_config& cfg_;
  status_board& board_;
  log::logger& log_;
  std::function<card_guard()> guard_;
  bl::system_random rng_;
  std::shared_ptr<phone_link> link_;
  std::string sas_;
  ui::message why_;
  std::unique_ptr<phone_steps> steps_;
};

}  // namespace

bool run_journey(boost::asio::io_context& io, const journey_config& cfg, status_board& board) {
  log::logger quiet(log::level::error);
  log::logger& lg = cfg.log ? *cfg.log : quiet;
  pcsc_card card(cfg, board);
  http_portal portal(cfg, lg, board);
  relay_phone phone(io, cfg, board, lg, [&card] { return card.guard(); });
  activation_flow flow(
      {card, portal, phone, board, lg, [] { return platform::unix_seconds(); }, cfg.step_wait});
  return flow.run();
}

}  // namespace eimza::journey
