#pragma once
// Sans-I/O: what a BridgeLink end does about its connection after pairing — which resume counters
// to open, when to try again, when to give up. No sockets, no clock: the driver reports events
// (with a monotonic time in milliseconds) and carries out the returned actions; after every event
// it arms one timer for wake_at() and calls tick() when it fires.
//
// The bridge listens: after the phone's socket drops it opens resume channels `next` and
// `next+1` (the phone may have used `next` in a message that never arrived), reopens one the relay
// refused after relay_retry_ms, and gives up resume_wait_ms after the drop or after
// resume_failures_max resume handshakes that did not verify. The phone dials: one resume channel at
// a time on `next`, after backoff_ms[attempt] (the last repeated), at once on wake() (page back in
// the foreground), and gives up when resume_wait_ms have passed since the drop.
//
// The same machine exists in JS (web-companion/src/link-session.js); the project vectors'
// "link_session" section holds event sequences with the actions each step returns, built by one
// implementation and checked by the other.
#include <array>
#include <boost/describe/enum.hpp>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace bridgelink {

enum class link_role : std::uint8_t { bridge, phone };
enum class link_state : std::uint8_t { idle, pairing, connected, away, ended };
/// Why the session ended: never_paired (the pairing socket closed before the handshake),
/// not_back (the other end did not resume in time), resume_failed (resume handshakes did not
/// verify), closed (the channel ended: bye, error, or the driver closed it).
enum class link_end : std::uint8_t { none, never_paired, not_back, resume_failed, closed };
BOOST_DESCRIBE_ENUM(link_role, bridge, phone)
BOOST_DESCRIBE_ENUM(link_state, idle, pairing, connected, away, ended)
BOOST_DESCRIBE_ENUM(link_end, none, never_paired, not_back, resume_failed, closed)

[[nodiscard]] std::string_view link_name(link_role v) noexcept;
[[nodiscard]] std::string_view link_name(link_state v) noexcept;
[[nodiscard]] std::string_view link_name(link_end v) noexcept;

struct link_timing {
  std::uint64_t resume_wait_ms = 300000;  // both: how long the other end may take to come back
  std::uint64_t relay_retry_ms = 1000;    // bridge: reopen a listener the relay refused after this
  std::array<std::uint64_t, 5> backoff_ms{250, 500, 1000, 2000, 4000};  // phone: between attempts
  int resume_failures_max = 5;  // bridge: resume handshakes that did not verify before giving up
};

/// What the driver does now, in this order: close these sockets, open these, and if `end` is set,
/// end the link (close every socket it still has; the active one may flush its last words first).
struct link_actions {
  std::vector<std::uint32_t> close;  // resume counters (0: the pairing channel)
  std::vector<std::uint32_t> open;
  link_end end = link_end::none;
};

class link_session {
 public:
  explicit link_session(link_role role, link_timing timing = {}) : role_(role), timing_(timing) {}

  /// Opens the pairing channel (counter 0).
  link_actions start(std::uint64_t now);
  /// Phone, after a page reload: resume the saved session on `next` at once.
  link_actions restore(std::uint32_t next, std::uint64_t now);
  /// The pairing handshake completed on counter 0.
  link_actions paired(std::uint64_t now);
  /// A resume msg1 went out (phone) or came in (bridge) on counter n: n is used from now on,
  /// whatever happens next.
  link_actions hello(std::uint32_t n);
  /// The resume handshake on n completed: n is the active socket.
  link_actions resumed(std::uint32_t n, std::uint64_t now);
  /// The resume handshake on n did not verify (its socket is closed by the returned actions).
  link_actions resume_failed(std::uint32_t n, std::uint64_t now);
  /// The socket for counter n closed, failed or was refused.
  link_actions lost(std::uint32_t n, std::uint64_t now);
  /// The time reached wake_at() (an early or late call is harmless).
  link_actions tick(std::uint64_t now);
  /// Phone: the page is in the foreground again: try now instead of waiting for the back-off.
  link_actions wake(std::uint64_t now);
  /// The channel ended (bye, error, protocol failure): nothing to resume. Closes the listeners;
  /// the active socket is the driver's to flush and close.
  link_actions close();

  [[nodiscard]] link_role role() const noexcept { return role_; }
  [[nodiscard]] link_state state() const noexcept { return state_; }
  [[nodiscard]] link_end ended_why() const noexcept { return end_; }
  /// The lowest resume counter not yet used.
  [[nodiscard]] std::uint32_t next_counter() const noexcept { return next_; }
  /// The counter of the connected socket, while connected.
  [[nodiscard]] std::optional<std::uint32_t> active() const noexcept;
  /// Sockets the session has asked for and not closed, besides the active one (bridge: listeners;
  /// phone: the attempt in flight).
  [[nodiscard]] const std::vector<std::uint32_t>& pending() const noexcept { return pending_; }
  /// When tick() is next due, if anything waits on time.
  [[nodiscard]] std::optional<std::uint64_t> wake_at() const noexcept;
  /// How many times the other end came back (each resume is a new key generation).
  [[nodiscard]] std::uint64_t resumes() const noexcept { return resumes_; }

 private:
  struct retry {
    std::uint32_t counter;
    std::uint64_t at;
  };
  void open(link_actions& a, std::uint32_t n);
  void close_pending(link_actions& a, std::optional<std::uint32_t> keep = std::nullopt);
  void finish(link_actions& a, link_end why);
  void went_away(link_actions& a, std::uint64_t now);
  void listen_from_next(link_actions& a);
  void schedule_attempt(link_actions& a, std::uint64_t now);
  [[nodiscard]] bool is_pending(std::uint32_t n) const noexcept;

  link_role role_;
  link_timing timing_;
  link_state state_ = link_state::idle;
  link_end end_ = link_end::none;
  std::uint32_t next_ = 1;
  std::uint32_t active_ = 0;
  std::vector<std::uint32_t> pending_;
  std::vector<retry> retries_;  // bridge: listeners to reopen; phone: at most one attempt
  std::optional<std::uint64_t> away_since_;
  std::size_t attempt_ = 0;  // phone: back-off index
  int failures_ = 0;         // bridge: resume handshakes that did not verify
  std::uint64_t resumes_ = 0;
};

}  // namespace bridgelink
