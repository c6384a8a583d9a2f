#pragma once
// The reliable messages sent and not yet acknowledged, kept to be sent again after a resume:
// each one's type, seq and encoded body (message_view.hpp's frame_layout), one after another in
// one wiping buffer. Once the buffer has grown, keeping a message allocates nothing; an
// acknowledged message is wiped at once, and the space is reused when the box empties or is
// compacted.
#include <cstdint>
#include <cstring>

#include "bridgelink/bytes.hpp"
#include "bridgelink/messages.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink {

class outbox {
 public:
  struct entry {
    message_type type;
    std::uint64_t seq;
    byte_view body;  // valid until the next push or drop
  };

  /// Keeps a message (seqs rise from one push to the next).
  void push(message_type type, std::uint64_t seq, byte_view body);
  /// Drops and wipes every message with a seq up to `ack`.
  void drop_through(std::uint64_t ack) noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return count_; }

  /// Calls f(entry) for each message kept, oldest first.
  template <class F>
  void for_each(F f) const {
    std::size_t at = begin_;
    for (std::size_t i = 0; i < count_; ++i) {
      const auto h = head_at(at);
      f(entry{h.type, h.seq, bytes_.view().subspan(at + head_size, h.body_size)});
      at += head_size + h.body_size;
    }
  }

 private:
  // Each record: this head, then the body.
  struct head {
    std::uint64_t seq;
    std::uint32_t body_size;
    message_type type;
  };
  static constexpr std::size_t head_size = sizeof(head);
  [[nodiscard]] head head_at(std::size_t at) const noexcept {
    head h;
    std::memcpy(&h, bytes_.data() + at, head_size);
    return h;
  }
  void compact() noexcept;

  secret_bytes bytes_;
  std::size_t begin_ = 0;  // the oldest record; what is before it is wiped
  std::size_t count_ = 0;
};

}  // namespace bridgelink
