// Pairing and resume handshakes, the secure channel, step ids and SAS: the happy paths and
// the attacks the design names (wrong psk, replayed msg1, tampered/reordered/truncated frames).
#include <gtest/gtest.h>

#include "bridgelink/frame.hpp"
#include "bridgelink/link_handshake.hpp"
#include "bridgelink/message_view.hpp"
#include "bridgelink/sas_verifier.hpp"
#include "bridgelink/secure_channel.hpp"
#include "bridgelink/step_tracker.hpp"
#include "test_support.hpp"

using namespace bridgelink;

namespace {

struct paired {
  session_secrets phone, bridge;
};

bytes make_qr(const noise::keypair& bridge, std::uint8_t secret_byte = 0x42) {
  qr_payload p;
  p.bridge_key = bridge.pub;
  std::array<std::uint8_t, 16> s{};
  s.fill(secret_byte);
  p.secret = secret_array<16>(s);
  p.created_at = 1795000000;
  return encode_qr_payload(p).value();
}

paired pair(const noise::keypair& bridge_static, const bytes& qr) {
  auto phone = link_handshake::pairing_initiator(qr).value();
  auto bridge = link_handshake::pairing_responder(bridge_static, qr).value();
  auto m1 = phone.write(make_hello({"test", "1", "tr"})).value();
  auto hello = bridge.read(m1).value();
  EXPECT_EQ(std::get<hello_body>(hello.body).language, "tr");
  auto m2 = bridge.write(make_ready({"bridge", "activation"})).value();
  auto ready = phone.read(m2).value();
  EXPECT_EQ(std::get<ready_body>(ready.body).flow, "activation");
  return {phone.finish().value(), bridge.finish().value()};
}

message request(std::string kind) {
  step_request_body b;
  b.id.fill(1);
  b.kind = std::move(kind);
  return make_step_request(std::move(b));
}

TEST(Pairing, BothSidesAgree) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  EXPECT_EQ(s.phone.handshake_hash, s.bridge.handshake_hash);
  EXPECT_EQ(s.phone.sas, s.bridge.sas);
  EXPECT_TRUE(s.phone.resume_key == s.bridge.resume_key);
}

TEST(Pairing, WrongPskOrKeyFails) {
  auto bridge_static = noise::keypair::generate();
  auto phone = link_handshake::pairing_initiator(make_qr(bridge_static, 1)).value();
  auto bridge = link_handshake::pairing_responder(bridge_static, make_qr(bridge_static, 2)).value();
  auto m1 = phone.write(make_hello({"t", "1", "tr"})).value();
  EXPECT_EQ(bridge.read(m1).error(), errc::auth_failed);
  EXPECT_EQ(bridge.write(make_ready({"b", "f"})).error(), errc::bad_state) << "no msg2 after a bad msg1";

  auto other = noise::keypair::generate();
  EXPECT_EQ(link_handshake::pairing_responder(other, make_qr(bridge_static)).error(), errc::mismatch);
}

TEST(Pairing, DowngradedQrPayloadFails) {
  // A man in the middle who changes the QR (flags, LAN hint) changes the prologue.
  auto bridge_static = noise::keypair::generate();
  auto qr = make_qr(bridge_static);
  auto dec = decode_qr_payload(qr).value();
  dec.flags = qr_flag_lan | qr_flag_relay;
  auto altered = encode_qr_payload(dec).value();
  auto phone = link_handshake::pairing_initiator(altered).value();
  auto bridge = link_handshake::pairing_responder(bridge_static, qr).value();
  EXPECT_EQ(bridge.read(phone.write(make_hello({"t", "1", "tr"})).value()).error(), errc::auth_failed);
}

TEST(Pairing, ReplayedMsg1GivesAttackerNothing) {
  auto bridge_static = noise::keypair::generate();
  auto qr = make_qr(bridge_static);
  auto phone = link_handshake::pairing_initiator(qr).value();
  auto m1 = phone.write(make_hello({"t", "1", "tr"})).value();
  auto bridge1 = link_handshake::pairing_responder(bridge_static, qr).value();
  ASSERT_TRUE(bridge1.read(m1));
  auto m2_for_phone = bridge1.write(make_ready({"b", "f"})).value();
  // A replay makes a second responder with fresh ephemeral keys: a different msg2 the phone rejects.
  auto bridge2 = link_handshake::pairing_responder(bridge_static, qr).value();
  ASSERT_TRUE(bridge2.read(m1));
  auto m2_replay = bridge2.write(make_ready({"b", "f"})).value();
  EXPECT_NE(m2_for_phone, m2_replay);
  ASSERT_TRUE(phone.read(m2_for_phone));
  auto phone2 = link_handshake::pairing_initiator(qr).value();
  (void)phone2.write(make_hello({"t", "1", "tr"})).value();
  EXPECT_EQ(phone2.read(m2_replay).error(), errc::auth_failed);
}

TEST(Pairing, TruncatedAndWrongTypeMessages) {
  auto bridge_static = noise::keypair::generate();
  auto qr = make_qr(bridge_static);
  auto phone = link_handshake::pairing_initiator(qr).value();
  auto m1 = phone.write(make_hello({"t", "1", "tr"})).value();
  auto bridge = link_handshake::pairing_responder(bridge_static, qr).value();
  EXPECT_FALSE(bridge.read(byte_view(m1).first(40)));
  auto phone_b = link_handshake::pairing_initiator(qr).value();
  EXPECT_EQ(phone_b.write(make_ping()).error(), errc::bad_state) << "msg1 must carry a hello";
}

TEST(Channel, DeliversInOrderWithAcks) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
  auto w1 = bridge.send(request("captcha")).value();
  auto w2 = bridge.send(request("sms_code")).value();
  EXPECT_EQ(w1.size() % 64, 16u) << "padded plaintext + 16-byte tag";
  EXPECT_EQ(bridge.unacknowledged(), 2u);
  auto r1 = phone.receive(w1).value();
  ASSERT_TRUE(r1);
  EXPECT_EQ(r1->seq, 1u);
  EXPECT_EQ(std::get<step_request_body>(r1->body).kind, "captcha");
  ASSERT_TRUE(phone.receive(w2).value());
  EXPECT_TRUE(phone.ack_due());
  auto ack = phone.send(make_ack()).value();
  EXPECT_FALSE(phone.ack_due());
  auto got = bridge.receive(ack).value();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->ack, 2u);
  EXPECT_EQ(bridge.unacknowledged(), 0u);
}

TEST(Channel, TamperedReorderedTruncatedReplayedFramesEndIt) {
  auto bridge_static = noise::keypair::generate();
  auto qr = make_qr(bridge_static);
  for (int attack = 0; attack < 4; ++attack) {
    auto s = pair(bridge_static, qr);
    secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
    auto w1 = bridge.send(request("a")).value();
    auto w2 = bridge.send(request("b")).value();
    result<std::optional<message>> r = errc::bad_state;
    switch (attack) {
      case 0: w1[10] ^= 1, r = phone.receive(w1); break;                     // tampered
      case 1: r = phone.receive(w2); break;                                  // reordered
      case 2: r = phone.receive(byte_view(w1).first(w1.size() - 1)); break;  // truncated
      case 3:                                                                // replayed
        ASSERT_TRUE(phone.receive(w1));
        r = phone.receive(w1);
        break;
    }
    ASSERT_FALSE(r) << "attack " << attack;
    EXPECT_EQ(r.error(), errc::auth_failed);
    EXPECT_TRUE(phone.closed());
    EXPECT_EQ(phone.receive(w2).error(), errc::channel_closed);
  }
}

TEST(Channel, ResumeResendsUnackedAndDropsDuplicates) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  const auto hh = s.phone.handshake_hash;
  const auto rk = s.phone.resume_key;
  secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
  auto w1 = bridge.send(request("a")).value();
  auto w2 = bridge.send(request("b")).value();
  ASSERT_TRUE(phone.receive(w1).value());  // w2 is lost with the phone's WebSocket; no ack sent

  auto pr = link_handshake::resume(true, rk, 1, hh).value();
  auto br = link_handshake::resume(false, s.bridge.resume_key, 1, s.bridge.handshake_hash).value();
  ASSERT_TRUE(br.read(pr.write(make_hello({"t", "1", "tr"})).value()));
  ASSERT_TRUE(pr.read(br.write(make_ready({"b", "f"})).value()));
  auto pk = pr.finish().value();
  auto bk = br.finish().value();
  EXPECT_EQ(pk.sas, bk.sas);

  auto again = bridge.resume(std::move(bk.keys)).value();
  ASSERT_EQ(again.size(), 2u);
  ASSERT_TRUE(phone.resume(std::move(pk.keys)));
  EXPECT_FALSE(phone.receive(again[0]).value()) << "seq 1 already seen: dropped";
  auto second = phone.receive(again[1]).value();
  ASSERT_TRUE(second);
  EXPECT_EQ(std::get<step_request_body>(second->body).kind, "b");
}

// A received view lives as long as its `received`: meanwhile nothing else is read (refused, the
// channel stays open and the frame can be read after), and when it ends the plaintext it
// pointed into is wiped.
TEST(Channel, ReceivedViewHoldsThePlaintextUntilItEndsThenItIsWiped) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
  step_id id{};
  id.fill(3);
  const field_view pin[] = {{"pin", value_view::of_text("482916")}};
  auto w1 =
      bridge.send(message_view{message_type::step_request, 0, 0, step_request_view{id, "show_pin", pin}})
          .value();
  auto w2 = bridge.send(request("done")).value();
  const std::uint8_t* where = nullptr;
  {
    auto got = phone.receive_view(w1).value();
    ASSERT_TRUE(got);
    EXPECT_EQ((*got)->seq, 1u);
    const auto& body = std::get<step_request_view>((*got)->body);
    EXPECT_EQ(body.kind, "show_pin");
    ASSERT_EQ(body.data.size(), 1u);
    EXPECT_EQ(body.data[0].value.text(), "482916");
    where = body.data[0].value.data.data();
    EXPECT_EQ(phone.receive_view(w2).error(), errc::bad_state) << "the last message is still held";
    EXPECT_EQ(phone.receive(w2).error(), errc::bad_state);
    EXPECT_FALSE(phone.closed());
    auto moved = std::move(*got);  // the hold moves with it
    EXPECT_EQ(moved->seq, 1u);
  }
  // The buffer is the channel's and still allocated: what the view saw is zeros now.
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(where), 6), std::string(6, '\0'));
  auto second = phone.receive(w2).value();
  ASSERT_TRUE(second);
  EXPECT_EQ(std::get<step_request_body>(second->body).kind, "done");
}

// A view and the owned message it mirrors seal to the same frame, under the same key and nonce.
TEST(Channel, ViewAndOwnedMessageSealTheSameFrame) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel a(s.bridge.keys), b(std::move(s.bridge.keys));
  const bytes code{'1', '2', '3', '4', '5', '6'};
  step_id id{};
  id.fill(9);
  const field_view f[] = {{"code", value_view::of_bytes(code)}, {"ok", value_view::of_bool(true)}};
  step_response_body body{id, {}};
  body.data.push_back({"code", field_value::of_bytes(code)});
  body.data.push_back({"ok", field_value::of_bool(true)});
  const auto owned = make_step_response(std::move(body));
  for (int i = 0; i < 3; ++i) {
    auto from_view = a.send(message_view{message_type::step_response, 77, 77, step_response_view{id, f}});
    auto from_owned = b.send(owned);
    ASSERT_TRUE(from_view && from_owned);
    EXPECT_EQ(to_hex(*from_view), to_hex(*from_owned))
        << "message " << i << " (the seq and ack are the channel's)";
  }
  EXPECT_EQ(a.unacknowledged(), 3u);
}

// After a resume, what was kept is sent again from the outbox: the same messages, numbered as
// before, with the ack of now; a large one too.
TEST(Channel, ResumeResendsKeptMessagesWithTheAckOfNow) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
  step_request_body big;
  big.id.fill(5);
  big.kind = "captcha";
  big.data.push_back({"image", field_value::of_bytes(bytes(20000, 0x17))});
  const auto captcha = make_step_request(std::move(big));
  ASSERT_TRUE(phone.receive(bridge.send(request("a")).value()).value());
  auto w2 = bridge.send(captcha).value();                                           // lost
  auto w3 = bridge.send(request("c")).value();                                      // lost
  ASSERT_TRUE(bridge.receive(phone.send(make_step_response({})).value()).value());  // acks seq 1
  ASSERT_TRUE(bridge.receive(phone.send(make_step_response({})).value()).value());
  EXPECT_EQ(bridge.unacknowledged(), 2u);

  auto pr = link_handshake::resume(true, s.phone.resume_key, 1, s.phone.handshake_hash).value();
  auto br = link_handshake::resume(false, s.bridge.resume_key, 1, s.bridge.handshake_hash).value();
  ASSERT_TRUE(br.read(pr.write(make_hello({"t", "1", "tr"})).value()));
  ASSERT_TRUE(pr.read(br.write(make_ready({"b", "f"})).value()));
  auto pk = pr.finish().value();
  auto bk = br.finish().value();
  auto again = bridge.resume(std::move(bk.keys)).value();
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].size(), w2.size());
  ASSERT_TRUE(phone.resume(std::move(pk.keys)));
  auto r2 = phone.receive(again[0]).value();
  auto r3 = phone.receive(again[1]).value();
  ASSERT_TRUE(r2 && r3);
  EXPECT_EQ(r2->seq, 2u);
  EXPECT_EQ(r3->seq, 3u);
  EXPECT_EQ(r2->ack, 2u) << "the bridge has received two messages by now";
  EXPECT_EQ(r3->ack, 2u);
  const auto& image = *find_field(std::get<step_request_body>(r2->body).data, "image");
  EXPECT_EQ(bytes(image.data.view().begin(), image.data.view().end()), bytes(20000, 0x17));
  EXPECT_EQ(std::get<step_request_body>(r3->body).kind, "c");
  (void)w3;
}

TEST(Channel, ResumeWithWrongCounterOrHashFails) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  auto pr = link_handshake::resume(true, s.phone.resume_key, 2, s.phone.handshake_hash).value();
  auto br = link_handshake::resume(false, s.bridge.resume_key, 1, s.bridge.handshake_hash).value();
  EXPECT_EQ(br.read(pr.write(make_hello({"t", "1", "tr"})).value()).error(), errc::auth_failed);
  EXPECT_EQ(link_handshake::resume(true, s.phone.resume_key, 0, s.phone.handshake_hash).error(),
            errc::bad_field);
}

bytes seal_raw(noise::cipher_state& send, const message& m) {
  secret_bytes body, padded;
  EXPECT_TRUE(encode_message(m, body));
  EXPECT_TRUE(pad_frame(body.view(), padded));
  bytes out;
  EXPECT_TRUE(send.encrypt_with_ad({}, padded.view(), out));
  return out;
}

// The channel encodes into the frame and encrypts it there: the bytes are exactly what encoding,
// padding and encrypting into a second buffer give, for messages of one and of several buckets.
TEST(Channel, SealsInTheFrameWhatAPlainEncryptionSeals) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  auto reference = s.bridge.keys.send;  // the same key and nonce, sealing the old way
  secure_channel bridge(std::move(s.bridge.keys));
  step_request_body big;
  big.id.fill(7);
  big.kind = "captcha";
  big.data.push_back({"image", field_value::of_bytes(bytes(3000, 0x42))});
  std::uint64_t seq = 0;
  for (auto m : {request("pin"), make_ping(), make_step_request(std::move(big))}) {
    auto sealed = bridge.send(m).value();
    if (is_reliable(m.type)) m.seq = ++seq;
    EXPECT_EQ(to_hex(sealed), to_hex(seal_raw(reference, m))) << to_string(m.type);
  }
}

// In-place encryption gives encrypt_with_ad's bytes, with the tag's room reserved or not (then
// the text is moved once, the old copy wiped), and leaves the text alone without a key.
TEST(Channel, CipherEncryptsInPlaceAsIntoASecondBuffer) {
  const bytes key(32, 0x11), ad{1, 2, 3};
  for (std::size_t len : {0u, 1u, 64u, 1000u}) {
    for (bool reserved : {false, true}) {
      noise::cipher_state a(key), b(key);
      const bytes text(len, 0x5a);
      bytes expected;
      for (int i = 0; i < 2; ++i) {  // the second message with the next nonce
        expected.clear();
        ASSERT_TRUE(a.encrypt_with_ad(ad, text, expected));
        bytes frame(text);  // capacity: exactly the text
        if (reserved) frame.reserve(len + noise::tag_len);
        ASSERT_TRUE(b.encrypt_in_place(ad, frame));
        EXPECT_EQ(to_hex(frame), to_hex(expected)) << len << (reserved ? " reserved" : "");
      }
    }
  }
  noise::cipher_state none;
  bytes text{9, 8, 7};
  ASSERT_TRUE(none.encrypt_in_place({}, text));
  EXPECT_EQ(text, (bytes{9, 8, 7}));
}

TEST(Channel, SequenceGapAndBogusAckEndIt) {
  auto bridge_static = noise::keypair::generate();
  for (int attack = 0; attack < 2; ++attack) {
    auto s = pair(bridge_static, make_qr(bridge_static));
    auto forger = s.phone.keys.send;  // a peer that does not follow the rules
    secure_channel bridge(std::move(s.bridge.keys));
    auto m = make_step_response({});
    m.seq = attack == 0 ? 2 : 1;  // 0: skips seq 1
    m.ack = attack == 0 ? 0 : 5;  // 1: acknowledges seq 5, which was never sent
    auto r = bridge.receive(seal_raw(forger, m));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), attack == 0 ? errc::sequence_gap : errc::bad_field);
    EXPECT_TRUE(bridge.closed());
  }
}

TEST(Channel, HandshakeMessagesAreNotTransportMessages) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  auto forger = s.phone.keys.send;
  secure_channel bridge(std::move(s.bridge.keys));
  EXPECT_EQ(bridge.receive(seal_raw(forger, make_hello({"t", "1", "tr"}))).error(), errc::bad_state);
}

TEST(Channel, OutboxIsBounded) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel bridge(std::move(s.bridge.keys));
  for (std::size_t i = 0; i < limits::outbox_messages_max; ++i) ASSERT_TRUE(bridge.send(request("x")));
  EXPECT_EQ(bridge.send(request("x")).error(), errc::outbox_full);
  EXPECT_TRUE(bridge.send(make_ping())) << "unreliable messages still go out";
}

TEST(Channel, ByeClosesAndBlocksResume) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
  ASSERT_TRUE(phone.receive(bridge.send(make_bye("done")).value()).value());
  EXPECT_TRUE(phone.closed());
  EXPECT_EQ(phone.resume({}).error(), errc::channel_closed);
}

// The peer's bye (or error) is acknowledged: the one message a closed channel still seals, so
// the sender knows it arrived before it closes its socket.
TEST(Channel, PeersByeIsAcknowledgedOnce) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
  ASSERT_TRUE(phone.receive(bridge.send(make_bye("done")).value()).value());
  EXPECT_EQ(bridge.unacknowledged(), 1u);
  EXPECT_EQ(phone.send(request("x")).error(), errc::channel_closed);
  auto ack = phone.send(make_ack());
  ASSERT_TRUE(ack);
  EXPECT_EQ(phone.send(make_ack()).error(), errc::channel_closed) << "one final ack, no more";
  ASSERT_TRUE(bridge.receive(*ack));
  EXPECT_EQ(bridge.unacknowledged(), 0u);
}

// After a failure on our side (what the peer sent did not decrypt) we still tell the peer why,
// in an error message it can read; nothing else goes out.
TEST(Channel, ErrorWithCodeAfterAFailure) {
  auto bridge_static = noise::keypair::generate();
  auto s = pair(bridge_static, make_qr(bridge_static));
  secure_channel bridge(std::move(s.bridge.keys)), phone(std::move(s.phone.keys));
  auto sealed = phone.send(request("x")).value();
  sealed[3] ^= 1;
  ASSERT_EQ(bridge.receive(sealed).error(), errc::auth_failed);
  EXPECT_EQ(bridge.send(request("y")).error(), errc::channel_closed);
  auto last = bridge.send_error(errc::auth_failed);
  ASSERT_TRUE(last);
  auto got = phone.receive(*last).value();
  ASSERT_TRUE(got);
  EXPECT_EQ(got->type, message_type::error);
  const auto& body = std::get<error_body>(got->body);
  EXPECT_EQ(body.code, static_cast<std::uint64_t>(errc::auth_failed));
  EXPECT_EQ(body.detail, "auth_failed");
  EXPECT_TRUE(phone.closed());
  EXPECT_EQ(bridge.send_error(errc::auth_failed).error(), errc::channel_closed) << "said once";
}

TEST(Steps, OneResponsePerId) {
  test::counting_random rng;
  step_tracker steps(rng);
  auto a = steps.open().value();
  auto b = steps.open().value();
  EXPECT_NE(a, b);
  EXPECT_TRUE(steps.answer(a));
  EXPECT_EQ(steps.answer(a).error(), errc::replayed);
  step_id stranger{};
  stranger.fill(0xee);
  EXPECT_EQ(steps.answer(stranger).error(), errc::unknown_step);
  steps.cancel(b);
  EXPECT_EQ(steps.answer(b).error(), errc::unknown_step);
  for (std::size_t i = 0; i < limits::open_steps_max; ++i) ASSERT_TRUE(steps.open());
  EXPECT_EQ(steps.open().error(), errc::outbox_full);
}

TEST(Sas, ThreeTriesConstantTimeCompare) {
  sas_verifier v("123456");
  EXPECT_EQ(v.check("12345"), sas_verifier::outcome::malformed);
  EXPECT_EQ(v.check("12a456"), sas_verifier::outcome::malformed);
  EXPECT_EQ(v.attempts_left(), 3);
  EXPECT_EQ(v.check("000000"), sas_verifier::outcome::wrong);
  EXPECT_EQ(v.check("123 456"), sas_verifier::outcome::accepted);
  sas_verifier w("123456");
  EXPECT_EQ(w.check("000000"), sas_verifier::outcome::wrong);
  EXPECT_EQ(w.check("000001"), sas_verifier::outcome::wrong);
  EXPECT_EQ(w.check("000002"), sas_verifier::outcome::locked);
  EXPECT_EQ(w.check("123456"), sas_verifier::outcome::locked) << "no fourth try";
}

}  // namespace
