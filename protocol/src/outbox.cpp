#include "bridgelink/outbox.hpp"

namespace bridgelink {

void outbox::push(message_type type, std::uint64_t seq, byte_view body) {
  const std::size_t need = head_size + body.size();
  if (begin_ > 0 && bytes_.size() + need > bytes_.capacity()) compact();
  head h;
  std::memset(&h, 0, sizeof h);  // its padding too: the buffer holds nothing uninitialised
  h.seq = seq, h.body_size = static_cast<std::uint32_t>(body.size()), h.type = type;
  bytes_.append(byte_view(reinterpret_cast<const std::uint8_t*>(&h), head_size));
  bytes_.append(body);
  ++count_;
}

void outbox::drop_through(std::uint64_t ack) noexcept {
  const std::size_t from = begin_;
  while (count_ > 0) {
    const auto h = head_at(begin_);
    if (h.seq > ack) break;
    begin_ += head_size + h.body_size, --count_;
  }
  if (count_ == 0) {  // all of it: wiped, and the next message goes to the front
    bytes_.truncate(0);
    begin_ = 0;
  } else {
    secure_wipe(bytes_.data() + from, begin_ - from);
  }
}

void outbox::compact() noexcept {
  const std::size_t live = bytes_.size() - begin_;
  std::memmove(bytes_.data(), bytes_.data() + begin_, live);
  bytes_.truncate(live);  // wipes what was behind
  begin_ = 0;
}

}  // namespace bridgelink
