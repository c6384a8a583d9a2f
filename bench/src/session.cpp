#include "session.hpp"

#include <sodium.h>

#include <stdexcept>

#include "bridgelink/derive.hpp"
#include "bridgelink/qr_payload.hpp"

namespace bench {
namespace bl = bridgelink;

qr_code make_qr(const bl::noise::keypair& bridge_static) {
  bl::qr_payload q;
  q.bridge_key = bridge_static.pub;
  randombytes_buf(q.secret.data(), bl::qr_secret_len);
  q.created_at = static_cast<std::uint64_t>(time(nullptr));
  q.flags = bl::qr_flag_relay;
  qr_code out;
  out.payload = must(bl::encode_qr_payload(q), "qr");
  out.channel_hex = bl::to_hex(bl::derive_pairing_keys(q.secret.view()).id);
  return out;
}

session pair(pipe_pair& p, const bl::noise::keypair& bridge_static, const qr_code& qr) {
  auto phone = must(bl::link_handshake::pairing_initiator(qr.payload), "initiator");
  auto bridge = must(bl::link_handshake::pairing_responder(bridge_static, qr.payload), "responder");
  p.phone->send(must(phone.write(bl::make_hello({"bench", "1", "tr", false})), "msg1"));
  (void)must(bridge.read(p.bridge->receive()), "read msg1");
  p.bridge->send(must(bridge.write(bl::make_ready({"bench", "activation"})), "msg2"));
  (void)must(phone.read(p.phone->receive()), "read msg2");
  auto ps = must(phone.finish(), "phone finish");
  auto bs = must(bridge.finish(), "bridge finish");
  if (ps.sas != bs.sas) throw std::runtime_error("SAS differs");
  session s;
  s.phone.emplace(std::move(ps.keys));
  s.bridge.emplace(std::move(bs.keys));
  s.resume_key = bs.resume_key;
  s.pairing_hash = bs.handshake_hash;
  return s;
}

std::string resume_channel(const session& s, std::uint32_t counter) {
  return bl::to_hex(bl::derive_resume_keys(s.resume_key, counter).id);
}

resends resume(pipe_pair& p, session& s, std::uint32_t counter) {
  auto phone =
      must(bl::link_handshake::resume(true, s.resume_key, counter, s.pairing_hash), "resume initiator");
  auto bridge =
      must(bl::link_handshake::resume(false, s.resume_key, counter, s.pairing_hash), "resume responder");
  p.phone->send(must(phone.write(bl::make_hello({"bench", "1", "tr", false})), "resume msg1"));
  (void)must(bridge.read(p.bridge->receive()), "resume read msg1");
  p.bridge->send(must(bridge.write(bl::make_ready({"bench", "activation"})), "resume msg2"));
  (void)must(phone.read(p.phone->receive()), "resume read msg2");
  resends r;
  r.from_phone = must(s.phone->resume(must(phone.finish(), "phone finish").keys), "phone resume");
  r.from_bridge = must(s.bridge->resume(must(bridge.finish(), "bridge finish").keys), "bridge resume");
  s.next_resume = counter + 1;
  return r;
}

bl::message payload_message(bl::byte_view data) {
  bl::step_response_body b;
  b.data.push_back({"d", bl::field_value::of_bytes(data)});
  return bl::make_step_response(std::move(b));
}

bl::bytes payload_of(const bl::message& m) {
  const auto* body = std::get_if<bl::step_response_body>(&m.body);
  if (!body) return {};
  const auto* f = bl::find_field(body->data, "d");
  if (!f) return {};
  const auto v = f->data.view();
  return bl::bytes(v.begin(), v.end());
}

}  // namespace bench
