#include "relay/poll_window.hpp"

#include <algorithm>

namespace eimza::relay {

void poll_window::idle_ended(std::chrono::nanoseconds idle) noexcept {
  if (limit_.count() <= 0 || idle <= current_) return;  // off, or polling caught it
  if (idle <= limit_) {
    const auto start = std::max(limit_ / 4, std::chrono::microseconds(1));
    current_ = std::min(limit_, std::max(start, current_ * 2));
  } else {
    current_ /= 2;  // 1 µs halves to nothing
  }
}

}  // namespace eimza::relay
