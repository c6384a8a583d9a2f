// The relay's WebSocket framing (relay/ws_frame.hpp) against RFC 6455's own examples (5.7) and
// its rules for what a server must refuse from a client.
#include "relay/ws_frame.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace eimza::relay::ws;

namespace {
std::vector<std::uint8_t> bytes(std::initializer_list<int> v) {
  std::vector<std::uint8_t> out;
  for (int b : v) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}
}  // namespace

// RFC 6455 5.7: "A single-frame masked text message" containing "Hello".
TEST(WsFrame, TheRfcsMaskedHelloIsReadAndUnmasked) {
  auto f = bytes({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58});
  frame_head h;
  ASSERT_EQ(parse_client_head(f, h), head_status::complete);
  EXPECT_TRUE(h.fin);
  EXPECT_EQ(h.op, opcode::text);
  EXPECT_EQ(h.length, 5u);
  EXPECT_EQ(h.size, 6u);
  std::span<std::uint8_t> payload(f.data() + h.size, 5);
  unmask(payload, h.mask);
  EXPECT_EQ(std::string(payload.begin(), payload.end()), "Hello");
}

// RFC 6455 5.7's unmasked "Hello" and the 256-byte and 64 KiB binary heads, as a server writes them.
TEST(WsFrame, ServerHeadsAreTheRfcs) {
  std::uint8_t h[max_server_head];
  ASSERT_EQ(server_head(h, opcode::text, true, 5), 2u);
  EXPECT_EQ(std::vector<std::uint8_t>(h, h + 2), bytes({0x81, 0x05}));
  ASSERT_EQ(server_head(h, opcode::binary, true, 256), 4u);
  EXPECT_EQ(std::vector<std::uint8_t>(h, h + 4), bytes({0x82, 0x7e, 0x01, 0x00}));
  ASSERT_EQ(server_head(h, opcode::binary, true, 65536), 10u);
  EXPECT_EQ(std::vector<std::uint8_t>(h, h + 10), bytes({0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0}));
  ASSERT_EQ(server_head(h, opcode::continuation, false, 0), 2u);
  EXPECT_EQ(h[0], 0x00);
}

TEST(WsFrame, UnmaskingInPiecesEqualsUnmaskingAtOnce) {
  std::vector<std::uint8_t> data(37);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7);
  const std::array<std::uint8_t, 4> mask{0x12, 0x34, 0x56, 0x78};
  auto whole = data;
  unmask(whole, mask);
  auto pieces = data;
  unmask(std::span(pieces).first(11), mask, 0);
  unmask(std::span(pieces).subspan(11), mask, 11);
  EXPECT_EQ(whole, pieces);
  for (std::size_t i = 0; i < data.size(); ++i) EXPECT_EQ(whole[i], data[i] ^ mask[i % 4]);
}

TEST(WsFrame, AHeadArrivingInPiecesAsksForMore) {
  auto f = bytes({0x82, 0xfe, 0x01, 0x00, 1, 2, 3, 4});  // 256 bytes, masked
  frame_head h;
  for (std::size_t n = 0; n < f.size(); ++n)
    EXPECT_EQ(parse_client_head(std::span(f).first(n), h), head_status::need_more) << n;
  ASSERT_EQ(parse_client_head(f, h), head_status::complete);
  EXPECT_EQ(h.length, 256u);
  EXPECT_EQ(h.size, 8u);
}

TEST(WsFrame, WhatAServerMustRefuseIsAProtocolError) {
  frame_head h;
  EXPECT_EQ(parse_client_head(bytes({0x82, 0x05}), h), head_status::protocol_error) << "unmasked";
  EXPECT_EQ(parse_client_head(bytes({0xc2, 0x80, 0, 0, 0, 0}), h), head_status::protocol_error) << "RSV1";
  EXPECT_EQ(parse_client_head(bytes({0x83, 0x80, 0, 0, 0, 0}), h), head_status::protocol_error) << "opcode 3";
  EXPECT_EQ(parse_client_head(bytes({0x09, 0x80, 0, 0, 0, 0}), h), head_status::protocol_error)
      << "fragmented ping";
  EXPECT_EQ(parse_client_head(bytes({0x89, 0xfe, 0, 126, 0, 0, 0, 0}), h), head_status::protocol_error)
      << "ping of 126 bytes";
  EXPECT_EQ(parse_client_head(bytes({0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), h),
            head_status::protocol_error)
      << "64-bit length with the top bit set";
  EXPECT_EQ(parse_client_head(bytes({0x88, 0x82, 0, 0, 0, 0, 0x03, 0xe8}), h), head_status::complete)
      << "a close with its code";
}
