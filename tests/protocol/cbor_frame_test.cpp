// Canonical CBOR subset, 64-byte padded frames (accepted forms and every rejection), and the
// result type the readers return.
#include <gtest/gtest.h>

#include "bridgelink/cbor.hpp"
#include "bridgelink/frame.hpp"
#include "bridgelink/limits.hpp"
#include "test_support.hpp"

using namespace bridgelink;
using bridgelink::test::hex;

namespace {

std::string encode(auto&& fn) {
  secret_bytes out;
  cbor::writer w(out);
  fn(w);
  return to_hex(out.view());
}

TEST(Cbor, WritesShortestForms) {
  EXPECT_EQ(encode([](auto& w) { w.uint(0); }), "00");
  EXPECT_EQ(encode([](auto& w) { w.uint(23); }), "17");
  EXPECT_EQ(encode([](auto& w) { w.uint(24); }), "1818");
  EXPECT_EQ(encode([](auto& w) { w.uint(256); }), "190100");
  EXPECT_EQ(encode([](auto& w) { w.uint(65536); }), "1a00010000");
  EXPECT_EQ(encode([](auto& w) { w.uint(1ULL << 32); }), "1b0000000100000000");
  EXPECT_EQ(encode([](auto& w) { w.text("a"); }), "6161");
  EXPECT_EQ(encode([](auto& w) { w.bytes(std::vector<std::uint8_t>{1, 2}); }), "420102");
  EXPECT_EQ(encode([](auto& w) {
              w.boolean(true);
              w.boolean(false);
            }),
            "f5f4");
  EXPECT_EQ(encode([](auto& w) {
              w.array(2);
              w.map(1);
            }),
            "82a1");
}

// The two-pass writer (count, then write into memory of that size) gives the appending writer's
// bytes, head widths included, and its count is exact.
TEST(Cbor, SpanWriterCountsThenWritesTheSameBytes) {
  const std::vector<std::uint8_t> blob(300, 7);
  auto items = [&](auto& w) {
    w.array(5);
    for (std::uint64_t v : {0ULL, 23ULL, 24ULL, 255ULL, 256ULL, 65535ULL, 65536ULL, 1ULL << 32}) w.uint(v);
    w.text("şifre");
    w.bytes(blob);
    w.map(30);
    w.boolean(true);
    w.boolean(false);
    w.bytes(byte_view{});
  };
  secret_bytes appended;
  cbor::writer a(appended);
  items(a);
  cbor::span_writer count;
  items(count);
  ASSERT_EQ(count.size(), appended.size());
  std::vector<std::uint8_t> out(count.size() + 1, 0xee);
  cbor::span_writer w(out.data());
  items(w);
  EXPECT_EQ(w.size(), count.size());
  EXPECT_EQ(to_hex(byte_view(out.data(), count.size())), to_hex(appended.view()));
  EXPECT_EQ(out.back(), 0xee) << "nothing written past the counted size";
}

TEST(Cbor, ReadsWhatItWrites) {
  auto in =
      hex("83"
          "1903e8"
          "4401020304"
          "6369c59f");  // [1000, h'01020304', "iş"]
  cbor::reader r(in);
  EXPECT_EQ(*r.array(3), 3u);
  EXPECT_EQ(*r.uint(), 1000u);
  EXPECT_EQ(r.bytes(4)->size(), 4u);
  EXPECT_EQ(*r.text(10), "iş");
  EXPECT_TRUE(r.at_end());
}

TEST(Cbor, RejectsNonCanonicalAndOutOfSubset) {
  auto err = [](std::string_view h) {
    auto in = hex(h);
    cbor::reader r(in);
    auto v = r.uint();
    return v ? errc{} : v.error();
  };
  EXPECT_EQ(err("1817"), errc::bad_encoding);    // 23 in two bytes
  EXPECT_EQ(err("1900ff"), errc::bad_encoding);  // 255 in three bytes
  EXPECT_EQ(err("1c"), errc::bad_encoding);      // reserved additional info
  EXPECT_EQ(err("19"), errc::truncated);
  EXPECT_EQ(err("20"), errc::bad_field);  // negative int is not our type
  EXPECT_EQ(err(""), errc::truncated);

  auto indefinite = hex("5f");
  cbor::reader r1(indefinite);
  EXPECT_FALSE(r1.bytes(10));
  auto long_claim = hex("5a7fffffff00");  // claims 2^31 bytes, has 1
  cbor::reader r2(long_claim);
  EXPECT_EQ(r2.bytes(1u << 31).error(), errc::truncated);
  auto too_long = hex("43010203");
  cbor::reader r3(too_long);
  EXPECT_EQ(r3.bytes(2).error(), errc::oversized);
  auto bad_utf8 = hex("62c328");
  cbor::reader r4(bad_utf8);
  EXPECT_EQ(r4.text(10).error(), errc::bad_encoding);
  auto many = hex("9a00010000");
  cbor::reader r5(many);
  EXPECT_EQ(r5.array(16).error(), errc::oversized);
}

TEST(Cbor, Utf8Validation) {
  EXPECT_TRUE(cbor::valid_utf8("Parolalarımı Sil"));
  EXPECT_FALSE(cbor::valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(cbor::valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(cbor::valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(cbor::valid_utf8("\xe2\x82"));          // truncated
}

TEST(Frame, PadsToSmallest64ByteBucket) {
  secret_bytes out;
  ASSERT_TRUE(pad_frame({}, out));
  EXPECT_EQ(out.size(), 64u);
  std::vector<std::uint8_t> body(62, 0xaa);
  ASSERT_TRUE(pad_frame(body, out));
  EXPECT_EQ(out.size(), 64u);
  body.push_back(0xaa);
  ASSERT_TRUE(pad_frame(body, out));
  EXPECT_EQ(out.size(), 128u);
  EXPECT_EQ(out.data()[0], 0);
  EXPECT_EQ(out.data()[1], 63);
  auto back = unpad_frame(out.view());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->size(), 63u);
}

TEST(Frame, PinLengthsDoNotShow) {
  secret_bytes a, b;
  ASSERT_TRUE(pad_frame(as_bytes("1234"), a));
  ASSERT_TRUE(pad_frame(as_bytes("12345678"), b));
  EXPECT_EQ(a.size(), b.size());
}

TEST(Frame, LargestBodyFitsOneNoiseMessage) {
  std::vector<std::uint8_t> body(limits::body_max, 1);
  secret_bytes out;
  ASSERT_TRUE(pad_frame(body, out));
  EXPECT_EQ(out.size(), limits::padded_max);
  EXPECT_LE(out.size() + limits::aead_tag, limits::noise_message);
  body.push_back(1);
  EXPECT_EQ(pad_frame(body, out).error(), errc::oversized);
}

TEST(Frame, RejectsBadPadding) {
  secret_bytes good;
  ASSERT_TRUE(pad_frame(as_bytes("hello"), good));
  bytes f(good.view().begin(), good.view().end());

  EXPECT_EQ(unpad_frame({}).error(), errc::truncated);
  EXPECT_EQ(unpad_frame(byte_view(f).first(63)).error(), errc::bad_padding);  // not a multiple of 64
  auto nonzero = f;
  nonzero[63] = 1;
  EXPECT_EQ(unpad_frame(nonzero).error(), errc::bad_padding);
  auto too_long = f;
  too_long[1] = 63;  // 63 + 2 > 64
  EXPECT_EQ(unpad_frame(too_long).error(), errc::bad_padding);
  auto oversized_bucket = f;
  oversized_bucket.resize(128, 0);  // valid zeros but not the smallest bucket
  EXPECT_EQ(unpad_frame(oversized_bucket).error(), errc::bad_padding);
  bytes huge(limits::padded_max + 64, 0);
  EXPECT_EQ(unpad_frame(huge).error(), errc::oversized);
}

// Every padding byte is checked, whatever the body's length (the check reads words, then bytes).
TEST(Frame, AnyNonZeroPaddingByteIsRefused) {
  for (std::size_t len : {0u, 1u, 5u, 13u, 61u, 62u, 100u}) {
    secret_bytes good;
    ASSERT_TRUE(pad_frame(bytes(len, 0xaa), good));
    bytes f(good.view().begin(), good.view().end());
    ASSERT_TRUE(unpad_frame(f));
    for (std::size_t i = len + 2; i < f.size(); ++i) {
      auto bad = f;
      bad[i] = 0x80;
      EXPECT_EQ(unpad_frame(bad).error(), errc::bad_padding) << "length " << len << ", byte " << i;
    }
  }
}

}  // namespace

// A result of a trivially copyable value keeps the value and the error in plain members (no
// variant): every error code comes back as it went in, including a 0 and the largest, and reading
// the value of an error throws as std::get does on the general form.
TEST(Result, FlatFormKeepsValuesAndErrors) {
  enum class small : std::uint8_t { zero = 0, big = 255 };
  static_assert(sizeof(basic_result<std::uint64_t, small>) == 16);
  static_assert(sizeof(status) == 8, "ok_t takes no room");
  for (auto e : {small::zero, small::big}) {
    basic_result<std::uint64_t, small> r(e);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), e);
    EXPECT_THROW((void)r.value(), std::bad_variant_access);
  }
  basic_result<std::uint64_t, small> v(std::uint64_t{0});
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, 0u);
  result<byte_view> view(errc::channel_closed);
  EXPECT_EQ(view.error(), errc::channel_closed);
  const std::uint8_t b[3] = {1, 2, 3};
  view = byte_view(b, 3);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->size(), 3u);
  status st(errc::truncated);
  EXPECT_EQ(st.error(), errc::truncated);
  EXPECT_TRUE(status(ok_v));
}
