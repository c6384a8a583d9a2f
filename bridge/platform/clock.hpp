#pragma once
// Wall-clock time as the protocol and certificates count it: unix seconds.
#include <chrono>
#include <cstdint>
#include <ctime>

namespace eimza::platform {

[[nodiscard]] inline std::int64_t unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The UTC calendar time of t (gmtime_r, or gmtime_s on Windows: thread-safe either way).
[[nodiscard]] inline std::tm utc_tm(std::time_t t) {
  std::tm tm{};
#ifdef _WIN32
  gmtime_s(&tm, &t);
#else
  gmtime_r(&t, &tm);
#endif
  return tm;
}

}  // namespace eimza::platform
