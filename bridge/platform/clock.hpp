#pragma once
// Wall-clock time as the protocol and certificates count it: unix seconds.
#include <chrono>
#include <cstdint>

namespace eimza::platform {

[[nodiscard]] inline std::int64_t unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace eimza::platform
