#pragma once
// WebSocket framing (RFC 6455 section 5) for the relay, sans I/O: a client frame's head read and
// checked, payloads unmasked in place, server frame heads written. The relay forwards each data
// frame as it came (unmasked, same opcode and FIN), so it needs no more of the protocol than this
// and the opening handshake (relay_server.cpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace eimza::relay::ws {

enum class opcode : std::uint8_t { continuation = 0, text = 1, binary = 2, close = 8, ping = 9, pong = 10 };

[[nodiscard]] constexpr bool is_control(opcode op) noexcept {
  return (static_cast<std::uint8_t>(op) & 0x8) != 0;
}

struct frame_head {
  bool fin = false;
  opcode op = opcode::continuation;
  std::uint64_t length = 0;  // payload bytes
  std::array<std::uint8_t, 4> mask{};
  std::size_t size = 0;  // bytes of the head itself (2 to 14)
};

enum class head_status { complete, need_more, protocol_error };

/// Reads the head of a frame from a client: it must be masked, carry no RSV bit (no extension is
/// agreed), have a known opcode, be final and at most 125 bytes if it is a control frame, and
/// its 64-bit length must have the top bit clear.
[[nodiscard]] head_status parse_client_head(std::span<const std::uint8_t> in, frame_head& out) noexcept;

/// Unmasks payload in place; `offset` is how many bytes of the same frame's payload came before.
void unmask(std::span<std::uint8_t> payload, const std::array<std::uint8_t, 4>& mask,
            std::uint64_t offset = 0) noexcept;

inline constexpr std::size_t max_server_head = 10;

/// Writes a server frame's head (unmasked) into out; returns its size (2, 4 or 10).
std::size_t server_head(std::uint8_t* out, opcode op, bool fin, std::uint64_t length) noexcept;

/// Close codes the relay sends.
enum class close_code : std::uint16_t {
  normal = 1000,
  going_away = 1001,
  protocol_error = 1002,
  bad_payload = 1007,
  policy_error = 1008,
  too_big = 1009,
};

}  // namespace eimza::relay::ws
