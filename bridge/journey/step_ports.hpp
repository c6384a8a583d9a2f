#pragma once
// What phone_steps needs from the world, as interfaces: the secure link to the phone (phone_link
// implements it) and the card's presence in its reader (card_presence implements it). Unit tests
// plug in fakes (tests/journey/phone_steps_test.cpp).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <system_error>

#include "bridgelink/messages.hpp"

namespace eimza::journey {

struct message_link {
  virtual ~message_link() = default;
  /// Thread-safe. Reliable messages are numbered by the channel and survive a resume.
  virtual void send(bridgelink::message m) = 0;
  /// The next message from the phone if one is there (acks and pings are handled below).
  [[nodiscard]] virtual std::optional<bridgelink::message> try_receive() = 0;
  /// Ended for good.
  [[nodiscard]] virtual bool closed() const = 0;
  /// The phone is connected now (false while waiting for it to resume).
  [[nodiscard]] virtual bool connected() const = 0;
  /// How many times the phone came back without its channel state (page reloaded).
  [[nodiscard]] virtual std::uint64_t restarts() const = 0;
  /// Why it ended (link_errc), empty for a normal end.
  [[nodiscard]] virtual std::error_code error() const = 0;
};

/// Both notify the journey's wakeup (journey/wakeup.hpp) on every change, so whoever waits on it
/// sees a message, the phone away or back, the card pulled or back, without polling.
struct card_presence_port {
  virtual ~card_presence_port() = default;
  [[nodiscard]] virtual bool present() const = 0;
  /// How many times the card was pulled since the watch started.
  [[nodiscard]] virtual std::uint64_t removals() const = 0;
};

}  // namespace eimza::journey
