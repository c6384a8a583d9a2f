#pragma once
// Bridge side: every step request gets a random single-use id; exactly one response per open
// id is accepted, a second one (or one for an id never issued) is refused.
#include <vector>

#include "bridgelink/errors.hpp"
#include "bridgelink/messages.hpp"
#include "bridgelink/random.hpp"

namespace bridgelink {

class step_tracker {
 public:
  explicit step_tracker(random_source& rng) : rng_(rng) {}
  /// A fresh id, open until answered or cancelled. outbox_full past limits::open_steps_max.
  [[nodiscard]] result<step_id> open();
  /// Consumes the id: ok once, then replayed; unknown_step for ids never issued.
  [[nodiscard]] status answer(const step_id& id);
  void cancel(const step_id& id);
  [[nodiscard]] std::size_t open_count() const noexcept { return open_.size(); }

 private:
  random_source& rng_;
  std::vector<step_id> open_;
  std::vector<step_id> answered_;
};

}  // namespace bridgelink
