#include "bridgelink/step_tracker.hpp"

#include <algorithm>

#include "bridgelink/limits.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink {
namespace {
std::vector<step_id>::iterator find_id(std::vector<step_id>& ids, const step_id& id) {
  return std::find_if(ids.begin(), ids.end(), [&](const step_id& x) { return constant_time_equal(x, id); });
}
}  // namespace

result<step_id> step_tracker::open() {
  if (open_.size() >= limits::open_steps_max) return errc::outbox_full;
  step_id id{};
  rng_.fill(id);
  open_.push_back(id);
  return id;
}

status step_tracker::answer(const step_id& id) {
  auto it = find_id(open_, id);
  if (it == open_.end())
    return find_id(answered_, id) != answered_.end() ? errc::replayed : errc::unknown_step;
  open_.erase(it);
  answered_.push_back(id);
  // Remember recent answers only: enough to tell a replay from a stranger, bounded in memory.
  if (answered_.size() > 4 * limits::open_steps_max) answered_.erase(answered_.begin());
  return ok_v;
}

void step_tracker::cancel(const step_id& id) {
  auto it = find_id(open_, id);
  if (it != open_.end()) open_.erase(it);
}

}  // namespace bridgelink
