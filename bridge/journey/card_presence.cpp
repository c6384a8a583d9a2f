#include "journey/card_presence.hpp"

namespace eimza::journey {

card_presence::card_presence(std::string reader)
    : reader_(std::move(reader)), watch_([this](const card::reader_event& e) { on_event(e); }) {}

void card_presence::on_event(const card::reader_event& e) {
  using kind = card::reader_event::kind;
  {
    std::lock_guard lk(m_);
    const bool ours = e.reader == reader_;
    if (e.what == kind::card_inserted && ours) {
      present_ = true;
    } else if ((e.what == kind::card_removed || e.what == kind::reader_removed) && ours) {
      if (present_) ++removals_;
      present_ = false;
    } else if (e.what == kind::service_lost) {
      if (present_) ++removals_;
      present_ = false;
    }
  }
  cv_.notify_all();
}

bool card_presence::present() const {
  std::lock_guard lk(m_);
  return present_;
}

std::uint64_t card_presence::removals() const {
  std::lock_guard lk(m_);
  return removals_;
}

bool card_presence::wait_present(std::chrono::milliseconds timeout, const std::atomic<bool>& cancel) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lk(m_);
  while (!present_ && !cancel) {
    if (cv_.wait_until(lk, std::min(end, std::chrono::steady_clock::now() +
                                             std::chrono::milliseconds(200))) == std::cv_status::timeout &&
        std::chrono::steady_clock::now() >= end)
      break;
  }
  return present_;
}

}  // namespace eimza::journey
