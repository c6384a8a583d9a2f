#pragma once
// Whether the journey's card is still in its reader, from the reader_watch thread: the journey
// checks it between steps, pauses when the card is pulled and waits for it to come back.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "card/reader_watch.hpp"
#include "journey/step_ports.hpp"

namespace eimza::journey {

class card_presence final : public card_presence_port {
 public:
  /// Watches `reader` (the name PC/SC reported for the journey's card); `changed` is called (on the
  /// watch thread) after each change.
  card_presence(std::string reader, std::function<void()> changed);
  card_presence(const card_presence&) = delete;
  card_presence& operator=(const card_presence&) = delete;

  [[nodiscard]] card::card_errc start() { return watch_.start(); }
  [[nodiscard]] bool present() const override;
  /// How many times the card was pulled since start (a quick pull and re-insert still counts).
  [[nodiscard]] std::uint64_t removals() const override;

 private:
  void on_event(const card::reader_event& e);
  std::string reader_;
  std::function<void()> changed_;
  mutable std::mutex m_;
  bool present_ = false;
  std::uint64_t removals_ = 0;
  card::reader_watch watch_;  // last: its thread uses the members above
};

}  // namespace eimza::journey
