// QR payload encoding, URL fragment, time window, rotation, and the key derivations.
#include <gtest/gtest.h>

#include "bridgelink/derive.hpp"
#include "bridgelink/limits.hpp"
#include "bridgelink/qr_payload.hpp"
#include "bridgelink/qr_rotation.hpp"
#include "test_support.hpp"

using namespace bridgelink;
using bridgelink::test::hex;

namespace {

qr_payload sample() {
  qr_payload p;
  for (std::size_t i = 0; i < p.bridge_key.size(); ++i) p.bridge_key[i] = static_cast<std::uint8_t>(i);
  p.secret = secret_array<16>(hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
  p.created_at = 1795000000;
  p.flags = qr_flag_lan | qr_flag_relay;
  p.lan = lan_hint{{192, 168, 1, 20}, 8443};
  return p;
}

TEST(QrPayload, RoundTripWithLanHint) {
  auto enc = encode_qr_payload(sample());
  ASSERT_TRUE(enc);
  EXPECT_LE(enc->size(), limits::qr_payload_max);
  auto dec = decode_qr_payload(*enc);
  ASSERT_TRUE(dec) << describe(dec.error());
  EXPECT_EQ(dec->bridge_key, sample().bridge_key);
  EXPECT_TRUE(dec->secret == sample().secret);
  EXPECT_EQ(dec->created_at, 1795000000u);
  EXPECT_EQ(dec->flags, 3);
  ASSERT_TRUE(dec->lan);
  EXPECT_EQ(dec->lan->port, 8443);
  EXPECT_EQ(dec->lan->address, (bytes{192, 168, 1, 20}));
}

TEST(QrPayload, UrlCarriesPayloadInFragmentOnly) {
  auto enc = encode_qr_payload(sample()).value();
  auto url = qr_url("https://eimza.example.org/", enc);
  EXPECT_EQ(url.rfind("https://eimza.example.org/c#", 0), 0u);
  EXPECT_EQ(url.find('?'), std::string::npos);
  auto back = payload_from_fragment(url);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, enc);
  EXPECT_EQ(payload_from_fragment("https://x/c#abc$").error(), errc::bad_encoding);
  EXPECT_EQ(payload_from_fragment(std::string(200, 'A')).error(), errc::oversized);
}

TEST(QrPayload, RejectsEveryMutation) {
  auto enc = encode_qr_payload(sample()).value();
  for (std::size_t cut = 0; cut < enc.size(); ++cut)
    EXPECT_FALSE(decode_qr_payload(byte_view(enc).first(cut))) << "truncated at " << cut;
  auto extra = enc;
  extra.push_back(0);
  EXPECT_EQ(decode_qr_payload(extra).error(), errc::trailing_data);
  auto v2 = enc;
  ASSERT_EQ(v2[2], 0x01);  // a6 00 01 ...: the version
  v2[2] = 0x02;
  EXPECT_EQ(decode_qr_payload(v2).error(), errc::bad_version);
  bytes huge(limits::qr_payload_max + 1, 0);
  EXPECT_EQ(decode_qr_payload(huge).error(), errc::oversized);

  auto p = sample();
  p.flags = 0;
  EXPECT_FALSE(encode_qr_payload(p));
  p.flags = 4;
  EXPECT_FALSE(encode_qr_payload(p));
  p = sample();
  p.lan->address = {1, 2, 3};
  EXPECT_FALSE(encode_qr_payload(p));
}

TEST(QrPayload, TimeWindow) {
  EXPECT_TRUE(qr_time_acceptable(1000, 1000));
  EXPECT_TRUE(qr_time_acceptable(1000, 1120));
  EXPECT_FALSE(qr_time_acceptable(1000, 1121));
  EXPECT_TRUE(qr_time_acceptable(1120, 1000));
  EXPECT_FALSE(qr_time_acceptable(1121, 1000));
}

TEST(Derive, LabelsSeparateOutputs) {
  auto secret = hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
  auto k = derive_pairing_keys(secret);
  auto k2 = derive_pairing_keys(secret);
  EXPECT_EQ(k.id, k2.id);
  EXPECT_TRUE(k.psk == k2.psk);
  EXPECT_NE(to_hex(byte_view(k.id)), to_hex(k.psk.view()).substr(0, 32));
  secret[0] ^= 1;
  EXPECT_NE(derive_pairing_keys(secret).id, k.id);

  secret_array<32> rk(hex("0101010101010101010101010101010101010101010101010101010101010101"));
  auto r1 = derive_resume_keys(rk, 1);
  auto r2 = derive_resume_keys(rk, 2);
  EXPECT_NE(r1.id, r2.id);
  EXPECT_FALSE(r1.psk == r2.psk);
}

TEST(Derive, SasIsSixDigits) {
  noise::hash_value h{};
  for (int i = 0; i < 50; ++i) {
    h[0] = static_cast<std::uint8_t>(i);
    auto sas = derive_sas(h);
    ASSERT_EQ(sas.size(), 6u);
    for (char c : sas) EXPECT_TRUE(c >= '0' && c <= '9');
  }
}

TEST(QrRotation, RotatesKeepsPreviousAndStops) {
  test::counting_random rng;
  qr_rotation::options o;
  o.origin = "https://eimza.example.org";
  qr_rotation rot(o, rng, 10'000);
  auto first = rot.current(10'000).value();
  const auto first_id = first->keys.id;
  EXPECT_EQ(rot.current(10'029).value()->keys.id, first_id);
  auto second_id = rot.current(10'030).value()->keys.id;
  EXPECT_NE(second_id, first_id);
  EXPECT_EQ(rot.accepted(10'031).size(), 2u);
  EXPECT_TRUE(rot.find(first_id, 10'031));
  (void)rot.current(10'060);  // third code: the first is gone
  EXPECT_EQ(rot.find(first_id, 10'061).error(), errc::expired);
  EXPECT_TRUE(rot.find(second_id, 10'061));
  EXPECT_EQ(rot.current(10'300).error(), errc::expired);
  EXPECT_TRUE(rot.accepted(10'300).empty());
}

TEST(QrRotation, ConsumedAfterPairing) {
  test::counting_random rng;
  qr_rotation rot({}, rng, 0);
  auto id = rot.current(0).value()->keys.id;
  rot.consume();
  EXPECT_EQ(rot.find(id, 1).error(), errc::replayed);
  EXPECT_EQ(rot.current(1).error(), errc::replayed);
}

}  // namespace
