// Typed messages: round trips, the exact wire form, and parse-or-error for bad input.
#include <gtest/gtest.h>

#include "bridgelink/frame.hpp"
#include "bridgelink/message_view.hpp"
#include "bridgelink/messages.hpp"
#include "test_support.hpp"

using namespace bridgelink;
using bridgelink::test::hex;

namespace {

bytes encoded(const message& m) {
  secret_bytes out;
  EXPECT_TRUE(encode_message(m, out));
  return {out.view().begin(), out.view().end()};
}

TEST(Messages, PingWireForm) {
  EXPECT_EQ(to_hex(encoded(make_ping())), "84060000a0");  // [6, 0, 0, {}]
}

TEST(Messages, StepRequestRoundTrip) {
  step_request_body b;
  b.id.fill(7);
  b.kind = "captcha";
  b.data.push_back({"image", field_value::of_bytes(std::vector<std::uint8_t>(300, 0x89))});
  b.data.push_back({"prompt", field_value::of_text("Resimdeki Yazı")});
  b.data.push_back({"attempts_left", field_value::of_number(2)});
  b.data.push_back({"last_try", field_value::of_bool(false)});
  auto m = make_step_request(std::move(b));
  m.seq = 5;
  m.ack = 3;
  auto wire = encoded(m);
  auto back = decode_message(wire);
  ASSERT_TRUE(back) << describe(back.error());
  EXPECT_EQ(back->type, message_type::step_request);
  EXPECT_EQ(back->seq, 5u);
  EXPECT_EQ(back->ack, 3u);
  const auto& body = std::get<step_request_body>(back->body);
  EXPECT_EQ(body.kind, "captcha");
  EXPECT_EQ(body.id[15], 7);
  ASSERT_NE(find_field(body.data, "image"), nullptr);
  EXPECT_EQ(find_field(body.data, "image")->data.size(), 300u);
  EXPECT_EQ(find_field(body.data, "prompt")->text(), "Resimdeki Yazı");
  EXPECT_EQ(find_field(body.data, "attempts_left")->number, 2u);
  EXPECT_FALSE(find_field(body.data, "last_try")->flag);
  EXPECT_EQ(find_field(body.data, "missing"), nullptr);
}

TEST(Messages, EveryTypeRoundTrips) {
  std::vector<message> all{make_hello({"Mozilla/5.0", "1", "tr"}), make_ready({"bridge", "activation"}),
                           make_ack(), make_ping()};
  auto resp = make_step_response({});
  resp.seq = 1;
  auto bye = make_bye("done");
  bye.seq = 2;
  auto err = make_error(3, "card removed");
  err.seq = 3;
  all.push_back(std::move(resp));
  all.push_back(std::move(bye));
  all.push_back(std::move(err));
  for (const auto& m : all) {
    auto wire = encoded(m);
    auto back = decode_message(wire);
    ASSERT_TRUE(back) << to_string(m.type);
    EXPECT_EQ(back->type, m.type);
    EXPECT_EQ(to_hex(encoded(*back)), to_hex(wire)) << "one encoding per message";
  }
}

// A numbered captcha step of 5,000 bytes: several 64-byte buckets, past any first reservation.
message big_captcha_step() {
  step_request_body big;
  big.id.fill(1);
  big.kind = "captcha";
  big.data.push_back({"image", field_value::of_bytes(std::vector<std::uint8_t>(5000, 0x42))});
  auto step = make_step_request(std::move(big));
  step.seq = 4;
  return step;
}

// The padded plaintext built in one buffer is exactly the body padded (frame.hpp), for small and
// large bodies (a 5,000-byte step spans several buckets and grows past the first reservation).
TEST(Messages, PaddedInOneBufferEqualsEncodedThenPadded) {
  const auto step = big_captcha_step();
  for (const auto& m : {make_ping(), make_ack(), make_hello({"Mozilla/5.0", "1", "tr"}), step}) {
    secret_bytes body, padded, direct;
    ASSERT_TRUE(encode_message(m, body));
    ASSERT_TRUE(pad_frame(body.view(), padded));
    ASSERT_TRUE(encode_padded_message(m, direct));
    EXPECT_EQ(to_hex(bytes(direct.view().begin(), direct.view().end())),
              to_hex(bytes(padded.view().begin(), padded.view().end())))
        << to_string(m.type);
  }
  auto bad = make_ping();
  bad.seq = 9;  // pings are not numbered
  secret_bytes out;
  EXPECT_FALSE(encode_padded_message(bad, out));
  EXPECT_TRUE(out.empty());
}

// The same padded plaintext written into a frame, with room kept after it for the tag (so it is
// encrypted where it is without moving); a message that cannot be encoded leaves it empty.
TEST(Messages, PaddedIntoAFrameKeepsRoomForTheTag) {
  const auto step = big_captcha_step();
  for (const auto& m : {make_ping(), make_hello({"Mozilla/5.0", "1", "tr"}), step}) {
    secret_bytes padded;
    ASSERT_TRUE(encode_padded_message(m, padded));
    bytes frame{1, 2, 3};  // replaced, not appended to
    field_view_storage storage;
    ASSERT_TRUE(encode_padded_message(view_of(m, storage).value(), frame, 16));
    EXPECT_EQ(to_hex(frame), to_hex(bytes(padded.view().begin(), padded.view().end()))) << to_string(m.type);
    EXPECT_GE(frame.capacity(), frame.size() + 16);
  }
  auto bad = make_ping();
  bad.seq = 9;
  bytes frame{1, 2, 3};
  field_view_storage storage;
  EXPECT_FALSE(encode_padded_message(view_of(bad, storage).value(), frame, 16));
  EXPECT_TRUE(frame.empty());
}

// A message written from views of the sender's memory is byte for byte the owned message's
// frame; the layout points at its body, and a resend built from that body with another ack is
// the frame the message with that ack gives.
TEST(MessageViews, EncodeAsTheOwnedMessageAndResendFromTheBody) {
  const bytes image(3000, 0x42);
  step_id id{};
  id.fill(7);
  const field_view fields[] = {{"image", value_view::of_bytes(image)},
                               {"prompt", value_view::of_text("Resimdeki Yazı")},
                               {"attempts_left", value_view::of_number(2)},
                               {"last_try", value_view::of_bool(true)}};
  const message_view view{message_type::step_request, 4, 2, step_request_view{id, "captcha", fields}};
  step_request_body b{id, "captcha", {}};
  b.data.push_back({"image", field_value::of_bytes(image)});
  b.data.push_back({"prompt", field_value::of_text("Resimdeki Yazı")});
  b.data.push_back({"attempts_left", field_value::of_number(2)});
  b.data.push_back({"last_try", field_value::of_bool(true)});
  auto owned = make_step_request(std::move(b));
  owned.seq = 4, owned.ack = 2;

  bytes from_view;
  secret_bytes from_owned;
  auto layout = encode_padded_message(view, from_view, 16);
  ASSERT_TRUE(layout);
  ASSERT_TRUE(encode_padded_message(owned, from_owned));
  EXPECT_EQ(to_hex(from_view), to_hex(from_owned.view()));
  EXPECT_EQ(from_view[2], 0x84) << "[type, seq, ack, body]";
  EXPECT_EQ(from_view[2 + 4], 0xa3) << "the header is 4 bytes here; the body map follows";
  EXPECT_EQ(layout->body_at, 6u);
  const byte_view body = byte_view(from_view).subspan(layout->body_at, layout->body_size);

  owned.ack = 300;  // a two-byte ack: the body moves
  bytes resent;
  secret_bytes expected;
  ASSERT_TRUE(encode_padded_message(message_type::step_request, 4, 300, body, resent, 16));
  ASSERT_TRUE(encode_padded_message(owned, expected));
  EXPECT_EQ(to_hex(resent), to_hex(expected.view()));
  EXPECT_FALSE(encode_padded_message(message_type::step_request, 0, 300, body, resent, 16))
      << "a reliable message needs its seq";
}

// Messages short enough to be encoded in one run and longer ones (a second run into memory of
// the counted size) give the same exact bytes: checked against CBOR written out by hand, for
// every length across the boundary.
TEST(MessageViews, EveryLengthAcrossTheOneRunBoundaryEncodesExactly) {
  step_id id{};
  id.fill(0x11);
  for (std::size_t len = 0; len <= 300; ++len) {
    bytes data(len);
    for (std::size_t i = 0; i < len; ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 1);
    const field_view f[] = {{"d", value_view::of_bytes(data)}};
    bytes expected{0x84, 0x04, 0x05, 0x03, 0xa2, 0x00, 0x50};  // [4, 5, 3, {0: h'11..'
    expected.insert(expected.end(), id.begin(), id.end());
    expected.insert(expected.end(), {0x01, 0xa1, 0x61, 'd'});  // 1: {"d":
    if (len < 24)
      expected.push_back(static_cast<std::uint8_t>(0x40 | len));
    else if (len < 256)
      expected.insert(expected.end(), {0x58, static_cast<std::uint8_t>(len)});
    else
      expected.insert(expected.end(),
                      {0x59, static_cast<std::uint8_t>(len >> 8), static_cast<std::uint8_t>(len)});
    expected.insert(expected.end(), data.begin(), data.end());
    bytes frame;
    ASSERT_TRUE(encode_padded_message(
        message_view{message_type::step_response, 5, 3, step_response_view{id, f}}, frame, 16));
    ASSERT_EQ(frame.size() % 64, 0u);
    ASSERT_EQ(frame.size(), (expected.size() + 2 + 63) / 64 * 64) << len;
    EXPECT_EQ((std::size_t{frame[0]} << 8) | frame[1], expected.size()) << len;
    EXPECT_EQ(to_hex(byte_view(frame).subspan(2, expected.size())), to_hex(expected)) << len;
    for (std::size_t i = 2 + expected.size(); i < frame.size(); ++i) ASSERT_EQ(frame[i], 0) << len;
    EXPECT_GE(frame.capacity(), frame.size() + 16);
  }
}

// Decoded views point into the input (nothing copied) and say what the owned decoder says.
TEST(MessageViews, DecodeIntoTheInput) {
  auto m = big_captcha_step();
  m.seq = 9, m.ack = 1;
  const auto wire = encoded(m);
  field_view_storage storage;
  message_view v;
  ASSERT_TRUE(decode_message(wire, v, storage));
  EXPECT_EQ(v.type, message_type::step_request);
  EXPECT_EQ(v.seq, 9u);
  EXPECT_EQ(v.ack, 1u);
  const auto& body = std::get<step_request_view>(v.body);
  const auto& owned = std::get<step_request_body>(m.body);
  EXPECT_EQ(body.kind, owned.kind);
  ASSERT_EQ(body.data.size(), owned.data.size());
  for (std::size_t i = 0; i < body.data.size(); ++i) {
    EXPECT_EQ(body.data[i].key, owned.data[i].key);
    const auto data = body.data[i].value.data;
    EXPECT_EQ(bytes(data.begin(), data.end()),
              bytes(owned.data[i].value.data.view().begin(), owned.data[i].value.data.view().end()));
    if (!data.empty()) {
      EXPECT_GE(data.data(), wire.data());
      EXPECT_LE(data.data() + data.size(), wire.data() + wire.size()) << "a view into the input";
    }
  }
  const auto back = to_owned(v);
  EXPECT_EQ(to_hex(encoded(back)), to_hex(wire));
  EXPECT_EQ(find_field(body.data, owned.data[0].key), &body.data[0].value);
  EXPECT_EQ(find_field(body.data, "missing"), nullptr);
}

// Views are checked as owned messages are: bad names, duplicate keys, bad UTF-8 and too many
// fields are refused, and nothing is left in the frame.
TEST(MessageViews, AreCheckedLikeOwnedMessages) {
  const std::string bad_utf8("\xc3\x28");
  const field_view dup[] = {{"a", value_view::of_number(1)}, {"a", value_view::of_number(2)}};
  const field_view upper[] = {{"A", value_view::of_number(1)}};
  const field_view text[] = {{"a", value_view::of_text(bad_utf8)}};
  for (field_views f : {field_views(dup), field_views(upper), field_views(text)}) {
    bytes frame{1, 2, 3};
    EXPECT_EQ(encode_padded_message(
                  message_view{message_type::step_response, 1, 0, step_response_view{{}, f}}, frame, 16)
                  .error(),
              errc::bad_field);
    EXPECT_TRUE(frame.empty());
  }
  bytes frame;
  EXPECT_FALSE(encode_padded_message(
      message_view{message_type::step_request, 1, 0, step_request_view{{}, "x y", {}}}, frame, 16));
  EXPECT_FALSE(encode_padded_message(message_view{message_type::ping, 0, 0, bye_view{"x"}}, frame, 16))
      << "the body must match the type";
  // Seventeen fields do not fit an owned message's view either.
  step_response_body many;
  for (int i = 0; i < 17; ++i) many.data.push_back({"k" + std::to_string(i), field_value::of_number(1)});
  field_view_storage storage;
  EXPECT_EQ(view_of(make_step_response(std::move(many)), storage).error(), errc::oversized);
}

TEST(Messages, SequenceRulesPerType) {
  secret_bytes out;
  auto r = make_step_request({});
  std::get<step_request_body>(r.body).kind = "x";
  EXPECT_EQ(encode_message(r, out).error(), errc::bad_field) << "reliable needs seq";
  auto p = make_ping();
  p.seq = 1;
  EXPECT_EQ(encode_message(p, out).error(), errc::bad_field) << "ping takes no seq";
  EXPECT_EQ(decode_message(hex("84060100a0")).error(), errc::bad_field);
  EXPECT_EQ(decode_message(hex("84070000a10064646f6e65")).error(), errc::bad_field);  // bye with seq 0
}

TEST(Messages, RejectsMalformed) {
  EXPECT_EQ(decode_message({}).error(), errc::truncated);
  EXPECT_EQ(decode_message(hex("8406000000")).error(), errc::bad_field);  // body not a map
  EXPECT_EQ(decode_message(hex("84090000a0")).error(), errc::bad_field);  // unknown type
  EXPECT_EQ(decode_message(hex("83060000")).error(), errc::bad_field);    // 3 items
  EXPECT_EQ(decode_message(hex("84060000a000")).error(), errc::trailing_data);
  EXPECT_EQ(decode_message(hex("84060000a1")).error(), errc::truncated);      // ping with a key
  EXPECT_EQ(decode_message(hex("84010000a10061")).error(), errc::bad_field);  // hello missing keys
  // hello with keys out of order {1:"",0:"",2:""}
  EXPECT_EQ(decode_message(hex("84010000a3016000600260")).error(), errc::bad_field);
  // step_response with a 15-byte id
  EXPECT_EQ(decode_message(hex("84040100a2004f"
                               "000000000000000000000000000000"
                               "01a0"))
                .error(),
            errc::bad_field);
  // step_response with a field named "A" (upper case is not a valid key)
  EXPECT_EQ(decode_message(hex("84040100a20050"
                               "00000000000000000000000000000000"
                               "01a1614101"))
                .error(),
            errc::bad_field);
  // duplicate field key
  EXPECT_EQ(decode_message(hex("84040100a20050"
                               "00000000000000000000000000000000"
                               "01a2616101616102"))
                .error(),
            errc::bad_field);
  // a field value that is an array
  EXPECT_EQ(decode_message(hex("84040100a20050"
                               "00000000000000000000000000000000"
                               "01a1616180"))
                .error(),
            errc::bad_field);
}

TEST(Messages, BoundsEveryField) {
  secret_bytes out;
  EXPECT_EQ(encode_message(make_hello({std::string(257, 'a'), "1", "tr"}), out).error(), errc::oversized);
  EXPECT_EQ(encode_message(make_hello({"ua", "1", "\xff"}), out).error(), errc::bad_field);
  auto r = make_step_response({});
  r.seq = 1;
  auto& body = std::get<step_response_body>(r.body);
  for (int i = 0; i < 17; ++i) body.data.push_back({"f" + std::to_string(i), field_value::of_number(1)});
  EXPECT_EQ(encode_message(r, out).error(), errc::oversized);
  body.data.resize(1);
  body.data[0].value = field_value::of_text(std::string(1025, 'x'));
  EXPECT_EQ(encode_message(r, out).error(), errc::bad_field);
  body.data[0].value = field_value::of_bytes(std::vector<std::uint8_t>(limits::field_bytes_max + 1));
  EXPECT_EQ(encode_message(r, out).error(), errc::oversized);
  bytes huge(limits::body_max + 1, 0);
  EXPECT_EQ(decode_message(huge).error(), errc::oversized);
}

TEST(Messages, BodyMustMatchType) {
  message m{message_type::hello, 0, 0, empty_body{}};
  secret_bytes out;
  EXPECT_EQ(encode_message(m, out).error(), errc::bad_state);
}

}  // namespace
