#include "relay/ws_frame.hpp"

#include <cstring>

namespace eimza::relay::ws {

head_status parse_client_head(std::span<const std::uint8_t> in, frame_head& out) noexcept {
  if (in.size() < 2) return head_status::need_more;
  const std::uint8_t b0 = in[0], b1 = in[1];
  if (b0 & 0x70) return head_status::protocol_error;  // RSV1-3: no extension was agreed
  const auto op = static_cast<opcode>(b0 & 0x0f);
  switch (op) {
    case opcode::continuation:
    case opcode::text:
    case opcode::binary:
    case opcode::close:
    case opcode::ping:
    case opcode::pong: break;
    default: return head_status::protocol_error;
  }
  if (!(b1 & 0x80)) return head_status::protocol_error;  // a client's frames are masked
  const bool fin = (b0 & 0x80) != 0;
  std::uint64_t length = b1 & 0x7f;
  std::size_t at = 2;
  if (length == 126) {
    if (in.size() < at + 2) return head_status::need_more;
    length = static_cast<std::uint64_t>(in[2]) << 8 | in[3];
    at += 2;
  } else if (length == 127) {
    if (in.size() < at + 8) return head_status::need_more;
    length = 0;
    for (std::size_t i = 0; i < 8; ++i) length = length << 8 | in[at + i];
    if (length >> 63) return head_status::protocol_error;
    at += 8;
  }
  if (is_control(op) && (!fin || length > 125)) return head_status::protocol_error;
  if (in.size() < at + 4) return head_status::need_more;
  out.fin = fin;
  out.op = op;
  out.length = length;
  std::memcpy(out.mask.data(), in.data() + at, 4);
  out.size = at + 4;
  return head_status::complete;
}

void unmask(std::span<std::uint8_t> payload, const std::array<std::uint8_t, 4>& mask,
            std::uint64_t offset) noexcept {
  // Eight bytes at a time with the mask repeated, then the rest.
  std::array<std::uint8_t, 8> m8{};
  for (std::size_t i = 0; i < 8; ++i) m8[i] = mask[(offset + i) % 4];
  std::uint64_t m;
  std::memcpy(&m, m8.data(), 8);
  std::size_t i = 0;
  for (; i + 8 <= payload.size(); i += 8) {
    std::uint64_t v;
    std::memcpy(&v, payload.data() + i, 8);
    v ^= m;
    std::memcpy(payload.data() + i, &v, 8);
  }
  for (; i < payload.size(); ++i) payload[i] ^= m8[i % 8];
}

std::size_t server_head(std::uint8_t* out, opcode op, bool fin, std::uint64_t length) noexcept {
  out[0] = static_cast<std::uint8_t>((fin ? 0x80 : 0) | static_cast<std::uint8_t>(op));
  if (length < 126) {
    out[1] = static_cast<std::uint8_t>(length);
    return 2;
  }
  if (length <= 0xffff) {
    out[1] = 126;
    out[2] = static_cast<std::uint8_t>(length >> 8);
    out[3] = static_cast<std::uint8_t>(length);
    return 4;
  }
  out[1] = 127;
  for (std::size_t i = 0; i < 8; ++i) out[2 + i] = static_cast<std::uint8_t>(length >> (56 - 8 * i));
  return 10;
}

}  // namespace eimza::relay::ws
