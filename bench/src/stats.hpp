#pragma once
// Samples → percentiles, a log2 histogram, and the one-line summary + JSON each benchmark emits.
#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace bench {

using clock_type = std::chrono::steady_clock;
inline double micros_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::micro>(clock_type::now() - t0).count();
}

struct samples {
  std::vector<double> us;
  void add(double v) { us.push_back(v); }
  [[nodiscard]] double pct(double p) {
    if (us.empty()) return 0;
    std::sort(us.begin(), us.end());
    const auto i = static_cast<std::size_t>(std::min<double>(
        static_cast<double>(us.size() - 1), std::floor(p / 100.0 * static_cast<double>(us.size()))));
    return us[i];
  }
  // Power-of-two microsecond buckets: {"<=1": n, "<=2": n, ...}.
  [[nodiscard]] boost::json::object histogram() const {
    boost::json::object h;
    for (double v : us) {
      double edge = 1;
      while (edge < v) edge *= 2;
      const auto key = "<=" + std::to_string(static_cast<long long>(edge));
      h[key] = (h.contains(key) ? h[key].as_int64() : 0) + 1;
    }
    return h;
  }
  [[nodiscard]] boost::json::object summary() {
    return {{"n", us.size()},
            {"p50_us", pct(50)},
            {"p99_us", pct(99)},
            {"max_us", us.empty() ? 0.0 : pct(100)},
            {"histogram_us", histogram()}};
  }
};

}  // namespace bench
