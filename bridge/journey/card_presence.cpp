#include "journey/card_presence.hpp"

namespace eimza::journey {

card_presence::card_presence(std::string reader, std::function<void()> changed)
    : reader_(std::move(reader)),
      changed_(std::move(changed)),
      watch_([this](const card::reader_event& e) { on_event(e); }) {}

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
  if (changed_) changed_();
}

bool card_presence::present() const {
  std::lock_guard lk(m_);
  return present_;
}

std::uint64_t card_presence::removals() const {
  std::lock_guard lk(m_);
  return removals_;
}

}  // namespace eimza::journey
