#include "bridgelink/link_session.hpp"

#include <algorithm>
#include <boost/describe/enum_to_string.hpp>

namespace bridgelink {

namespace {
template <class E>
std::string_view name_of(E v) noexcept {
  return boost::describe::enum_to_string(v, "unknown");
}
}  // namespace

std::string_view link_name(link_role v) noexcept {
  return name_of(v);
}
std::string_view link_name(link_state v) noexcept {
  return name_of(v);
}
std::string_view link_name(link_end v) noexcept {
  return name_of(v);
}

std::optional<std::uint32_t> link_session::active() const noexcept {
  if (state_ != link_state::connected) return std::nullopt;
  return active_;
}

std::optional<std::uint64_t> link_session::wake_at() const noexcept {
  if (state_ != link_state::away) return std::nullopt;
  std::optional<std::uint64_t> at;
  if (role_ == link_role::bridge && away_since_) at = *away_since_ + timing_.resume_wait_ms;
  for (const auto& r : retries_)
    if (!at || r.at < *at) at = r.at;
  return at;
}

bool link_session::is_pending(std::uint32_t n) const noexcept {
  return std::find(pending_.begin(), pending_.end(), n) != pending_.end();
}

void link_session::open(link_actions& a, std::uint32_t n) {
  if (is_pending(n)) return;
  pending_.push_back(n);
  a.open.push_back(n);
}

void link_session::close_pending(link_actions& a, std::optional<std::uint32_t> keep) {
  std::vector<std::uint32_t> kept;
  for (auto n : pending_) {
    if (keep && n == *keep)
      kept.push_back(n);
    else
      a.close.push_back(n);
  }
  pending_ = std::move(kept);
}

void link_session::finish(link_actions& a, link_end why) {
  close_pending(a);
  retries_.clear();
  state_ = link_state::ended;
  end_ = why;
  a.end = why;
}

void link_session::listen_from_next(link_actions& a) {
  open(a, next_);
  open(a, next_ + 1);
}

void link_session::schedule_attempt(link_actions& a, std::uint64_t now) {
  if (away_since_ && now >= *away_since_ + timing_.resume_wait_ms) return finish(a, link_end::not_back);
  const auto delay = timing_.backoff_ms[std::min(attempt_, timing_.backoff_ms.size() - 1)];
  ++attempt_;
  retries_.assign(1, retry{next_, now + delay});
}

void link_session::went_away(link_actions& a, std::uint64_t now) {
  state_ = link_state::away;
  away_since_ = now;
  attempt_ = 0;
  close_pending(a);
  retries_.clear();
  if (role_ == link_role::bridge)
    listen_from_next(a);
  else
    schedule_attempt(a, now);
}

link_actions link_session::start(std::uint64_t) {
  link_actions a;
  if (state_ != link_state::idle) return a;
  state_ = link_state::pairing;
  open(a, 0);
  return a;
}

link_actions link_session::restore(std::uint32_t next, std::uint64_t now) {
  link_actions a;
  if (state_ != link_state::idle || role_ != link_role::phone || next == 0) return a;
  next_ = next;
  state_ = link_state::away;
  away_since_ = now;
  attempt_ = 0;
  open(a, next_);
  return a;
}

link_actions link_session::paired(std::uint64_t) {
  link_actions a;
  if (state_ != link_state::pairing) return a;
  std::erase(pending_, 0U);
  state_ = link_state::connected;
  active_ = 0;
  return a;
}

link_actions link_session::hello(std::uint32_t n) {
  if (n != 0 && state_ != link_state::ended) next_ = std::max(next_, n + 1);
  return {};
}

link_actions link_session::resumed(std::uint32_t n, std::uint64_t) {
  link_actions a;
  if (state_ != link_state::away || !is_pending(n)) return a;
  close_pending(a, n);
  pending_.clear();
  retries_.clear();
  away_since_.reset();
  state_ = link_state::connected;
  active_ = n;
  ++resumes_;
  return a;
}

link_actions link_session::resume_failed(std::uint32_t n, std::uint64_t) {
  link_actions a;
  if (state_ != link_state::away || !is_pending(n)) return a;
  if (role_ == link_role::phone) {
    finish(a, link_end::resume_failed);
    return a;
  }
  if (++failures_ >= timing_.resume_failures_max) {
    finish(a, link_end::resume_failed);
    return a;
  }
  // Start listening afresh from the first unused counter; the deadline stays the drop's.
  close_pending(a);
  retries_.clear();
  listen_from_next(a);
  return a;
}

link_actions link_session::lost(std::uint32_t n, std::uint64_t now) {
  link_actions a;
  switch (state_) {
    case link_state::pairing:
      if (n == 0) {
        std::erase(pending_, 0U);
        finish(a, link_end::never_paired);
      }
      return a;
    case link_state::connected:
      if (n == active_) went_away(a, now);
      return a;
    case link_state::away:
      if (!is_pending(n)) return a;
      std::erase(pending_, n);
      if (role_ == link_role::phone) {
        schedule_attempt(a, now);
      } else if (n >= next_ && std::none_of(retries_.begin(), retries_.end(),
                                            [n](const retry& r) { return r.counter == n; })) {
        retries_.push_back(retry{n, now + timing_.relay_retry_ms});
      }
      return a;
    case link_state::idle:
    case link_state::ended: return a;
  }
  return a;
}

link_actions link_session::tick(std::uint64_t now) {
  link_actions a;
  if (state_ != link_state::away) return a;
  if (role_ == link_role::bridge && away_since_ && now >= *away_since_ + timing_.resume_wait_ms) {
    finish(a, link_end::not_back);
    return a;
  }
  std::vector<retry> due;
  std::erase_if(retries_, [&](const retry& r) {
    if (r.at > now) return false;
    due.push_back(r);
    return true;
  });
  for (const auto& r : due) {
    if (role_ == link_role::phone) {
      if (!pending_.empty()) continue;
      if (away_since_ && now >= *away_since_ + timing_.resume_wait_ms) {
        finish(a, link_end::not_back);
        return a;
      }
      open(a, next_);
    } else if (r.counter >= next_) {
      open(a, r.counter);
    }
  }
  return a;
}

link_actions link_session::wake(std::uint64_t now) {
  link_actions a;
  if (role_ != link_role::phone || state_ != link_state::away || !pending_.empty()) return a;
  retries_.clear();
  if (away_since_ && now >= *away_since_ + timing_.resume_wait_ms) {
    finish(a, link_end::not_back);
    return a;
  }
  open(a, next_);
  return a;
}

link_actions link_session::close() {
  link_actions a;
  if (state_ == link_state::ended) return a;
  close_pending(a);  // the active socket is not pending: the driver flushes and closes it
  retries_.clear();
  state_ = link_state::ended;
  end_ = link_end::closed;
  return a;
}

}  // namespace bridgelink
