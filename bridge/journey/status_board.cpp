#include "journey/status_board.hpp"

#include "journey/journey_text.hpp"

namespace eimza::journey {

void status_board::changed() {
  events_.notify();
  decltype(subscribers_) to_tell;
  {
    std::lock_guard lk(m_);
    to_tell = subscribers_;
  }
  for (const auto& [handle, f] : to_tell) f();
}

std::uint64_t status_board::subscribe(std::function<void()> f) {
  std::lock_guard lk(m_);
  subscribers_.emplace_back(next_subscriber_, std::move(f));
  return next_subscriber_++;
}

void status_board::unsubscribe(std::uint64_t handle) {
  std::lock_guard lk(m_);
  std::erase_if(subscribers_, [&](const auto& s) { return s.first == handle; });
}

std::string pause_of(const status_snapshot& s) {
  if (s.portal_slow) return "portal";
  if (s.message.key() == ui::message(journey_text::card_pulled).key()) return "card";
  if (s.message.key() == ui::message(journey_text::phone_away).key()) return "phone";
  if (s.message.key() == ui::message(journey_text::no_reader).key()) return "reader";
  return {};
}

void status_board::set(stage s, ui::message m) {
  {
    std::lock_guard lk(m_);
    s_.at = s;
    s_.message = std::move(m);
    if (s != stage::waiting_phone) s_.qr_url.clear();  // the QR is only shown while it is useful
    ++s_.version;
  }
  changed();
}

void status_board::set_step(journey_step st) {
  {
    std::lock_guard lk(m_);
    s_.step = st;
    ++s_.version;
  }
  changed();
}

void status_board::set_portal_slow(bool slow) {
  {
    std::lock_guard lk(m_);
    if (s_.portal_slow == slow) return;
    s_.portal_slow = slow;
    ++s_.version;
  }
  changed();
}

void status_board::set_card(card_facts c) {
  {
    std::lock_guard lk(m_);
    s_.card = std::move(c);
    ++s_.version;
  }
  changed();
}

void status_board::set_qr(std::string url) {
  {
    std::lock_guard lk(m_);
    s_.qr_url = std::move(url);
    ++s_.version;
  }
  changed();
}

void status_board::add_warning(ui::message w) {
  {
    std::lock_guard lk(m_);
    s_.warnings.push_back(std::move(w));
    ++s_.version;
  }
  changed();
}

status_snapshot status_board::snapshot() const {
  std::lock_guard lk(m_);
  return s_;
}

void status_board::arm_sas(const std::string& sas) {
  {
    std::lock_guard lk(m_);
    sas_ = std::make_unique<bridgelink::sas_verifier>(sas);
    sas_done_ = sas_ok_ = false;
    s_.sas_attempts_left = sas_->attempts_left();
    ++s_.version;
  }
  changed();
}

std::optional<bridgelink::sas_verifier::outcome> status_board::submit_sas(std::string_view typed) {
  std::optional<bridgelink::sas_verifier::outcome> r;
  {
    std::lock_guard lk(m_);
    if (!sas_) return std::nullopt;
    r = sas_->check(typed);
    s_.sas_attempts_left = sas_->attempts_left();
    ++s_.version;
    if (r == bridgelink::sas_verifier::outcome::accepted || r == bridgelink::sas_verifier::outcome::locked) {
      sas_done_ = true;
      sas_ok_ = r == bridgelink::sas_verifier::outcome::accepted;
    }
  }
  changed();
  return r;
}

void status_board::withdraw_sas() {
  {
    std::lock_guard lk(m_);
    if (!sas_ || sas_ok_) return;  // an accepted code stays accepted
    sas_.reset();
    sas_done_ = true;
    s_.sas_attempts_left = 0;
    ++s_.version;
  }
  changed();
}

bool status_board::wait_sas(std::chrono::seconds timeout) {
  (void)events_.wait_until(wakeup::clock::now() + timeout, [&] {
    std::lock_guard lk(m_);
    return sas_done_ || cancel_;
  });
  std::lock_guard lk(m_);
  return sas_ok_ && !cancel_;
}

void status_board::request_cancel() {
  std::function<void()> hook;
  {
    std::lock_guard lk(m_);
    cancel_ = true;
    hook = on_cancel_;
  }
  if (hook) hook();
  changed();
}

void status_board::on_cancel(const std::function<void()>& f) {
  {
    std::lock_guard lk(m_);
    on_cancel_ = f;
    if (!cancel_) return;
  }
  if (f) f();
}

}  // namespace eimza::journey
