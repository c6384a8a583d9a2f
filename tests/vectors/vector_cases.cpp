#include "vector_cases.hpp"

#include <stdexcept>

#include "bridgelink/derive.hpp"
#include "bridgelink/frame.hpp"
#include "bridgelink/link_handshake.hpp"
#include "bridgelink/link_session.hpp"
#include "bridgelink/qr_payload.hpp"
#include "bridgelink/secure_channel.hpp"
#include "message_json.hpp"

namespace bridgelink::vectors {
namespace json = boost::json;
namespace {

bytes hex_of(const json::object& o, std::string_view k) {
  auto b = from_hex(std::string_view(o.at(k).as_string()));
  if (!b) throw std::runtime_error("bad hex in " + std::string(k));
  return *b;
}

template <class T>
T must(result<T> r, std::string_view what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + std::string(code_name(r.error())));
  return std::move(r.value());
}

json::object qr_out(const json::object& in) {
  qr_payload p;
  auto key = hex_of(in, "bridge_key");
  if (key.size() != p.bridge_key.size()) throw std::runtime_error("bridge key length");
  std::copy(key.begin(), key.end(), p.bridge_key.begin());
  auto secret = hex_of(in, "secret");
  if (secret.size() != qr_secret_len) throw std::runtime_error("secret length");
  p.secret = secret_array<qr_secret_len>(secret);
  p.created_at = in.at("created_at").to_number<std::uint64_t>();
  p.flags = in.at("flags").to_number<std::uint8_t>();
  if (auto it = in.find("lan"); it != in.end() && !it->value().is_null()) {
    const auto& lan = it->value().as_object();
    p.lan = lan_hint{hex_of(lan, "address"), lan.at("port").to_number<std::uint16_t>()};
  }
  auto payload = must(encode_qr_payload(p), "encode qr");
  auto back = must(decode_qr_payload(payload), "decode qr");
  const bool round_trip = back.bridge_key == p.bridge_key && back.secret == p.secret &&
                          back.created_at == p.created_at && back.flags == p.flags &&
                          back.lan.has_value() == p.lan.has_value();
  auto url = qr_url(std::string_view(in.at("origin").as_string()), payload);
  const bool fragment_ok = must(payload_from_fragment(url), "fragment") == payload;
  return {{"payload", to_hex(payload)}, {"url", url}, {"round_trip", round_trip && fragment_ok}};
}

json::object pairing_keys_out(const json::object& in) {
  auto k = derive_pairing_keys(hex_of(in, "qr_secret"));
  return {{"channel_id", to_hex(k.id)}, {"psk", to_hex(k.psk.view())}};
}

json::object resume_keys_out(const json::object& in) {
  auto ck = hex_of(in, "chaining_key");
  if (ck.size() != noise::hash_len) throw std::runtime_error("chaining key length");
  auto rk = derive_resume_key(secret_array<noise::hash_len>(ck));
  auto k = derive_resume_keys(rk, in.at("counter").to_number<std::uint32_t>());
  return {{"resume_key", to_hex(rk.view())}, {"channel_id", to_hex(k.id)}, {"psk", to_hex(k.psk.view())}};
}

json::object sas_out(const json::object& in) {
  auto h = hex_of(in, "handshake_hash");
  if (h.size() != noise::hash_len) throw std::runtime_error("hash length");
  noise::hash_value hv{};
  std::copy(h.begin(), h.end(), hv.begin());
  return {{"sas", derive_sas(hv)}};
}

json::object frames_out(const json::object& in) {
  auto body = hex_of(in, "body");
  secret_bytes padded;
  if (auto st = pad_frame(body, padded); !st) throw std::runtime_error("pad");
  auto back = must(unpad_frame(padded.view()), "unpad");
  return {{"padded", to_hex(padded.view())}, {"round_trip", bytes(back.begin(), back.end()) == body}};
}

json::object messages_out(const json::object& in) {
  auto m = message_from_json(in.at("message").as_object());
  secret_bytes enc;
  if (auto st = encode_message(m, enc); !st) throw std::runtime_error("encode message");
  auto back = must(decode_message(enc.view()), "decode message");
  return {{"encoded", to_hex(enc.view())}, {"decoded", describe_message(back)}};
}

json::object invalid_out(const json::object& in) {
  const std::string kind(in.at("kind").as_string());
  auto input = hex_of(in, "input");
  errc e{};
  bool rejected = false;
  auto take = [&](auto r) {
    if (!r) rejected = true, e = r.error();
  };
  if (kind == "qr")
    take(decode_qr_payload(input));
  else if (kind == "frame")
    take(unpad_frame(input));
  else if (kind == "message")
    take(decode_message(input));
  else if (kind == "fragment")
    take(payload_from_fragment(std::string_view(reinterpret_cast<const char*>(input.data()), input.size())));
  else
    throw std::runtime_error("unknown invalid kind " + kind);
  return {{"error", rejected ? json::value(code_name(e)) : json::value(nullptr)}};
}

noise::keypair key_of(const json::object& o, std::string_view k) {
  return noise::keypair::from_secret(hex_of(o, k));
}

struct ends {
  std::optional<secure_channel> bridge, phone;
};

// Sends each scripted message from its side; a delivered one is received by the other side.
json::array run_script(ends& e, const json::array& script, json::array& received) {
  json::array cts;
  for (const auto& item : script) {
    const auto& op = item.as_object();
    const bool from_bridge = op.at("from").as_string() == "bridge";
    auto& sender = from_bridge ? *e.bridge : *e.phone;
    auto& receiver = from_bridge ? *e.phone : *e.bridge;
    auto ct = must(sender.send(message_from_json(op.at("message").as_object())), "send");
    cts.push_back(json::string(to_hex(ct)));
    if (op.at("delivered").as_bool()) {
      auto got = must(receiver.receive(ct), "receive");
      received.push_back(got ? json::value(describe_message(*got)) : json::value(nullptr));
    }
  }
  return cts;
}

json::object transcript_out(const json::object& in) {
  auto bridge_static = key_of(in, "bridge_static");
  json::object qr_in = in.at("qr").as_object();
  qr_in["bridge_key"] = to_hex(bridge_static.pub);
  auto qr = qr_out(qr_in);
  auto payload = *from_hex(std::string_view(qr.at("payload").as_string()));

  auto phone = must(link_handshake::pairing_initiator(payload, key_of(in, "phone_ephemeral")), "initiator");
  auto bridge = must(
      link_handshake::pairing_responder(bridge_static, payload, key_of(in, "bridge_ephemeral")), "responder");
  auto msg1 = must(phone.write(message_from_json(in.at("hello").as_object())), "msg1");
  auto hello = must(bridge.read(msg1), "read msg1");
  auto msg2 = must(bridge.write(message_from_json(in.at("ready").as_object())), "msg2");
  auto ready = must(phone.read(msg2), "read msg2");
  auto ps = must(phone.finish(), "phone finish");
  auto bs = must(bridge.finish(), "bridge finish");
  if (ps.handshake_hash != bs.handshake_hash || ps.sas != bs.sas) throw std::runtime_error("sides disagree");

  json::array received;
  received.push_back(describe_message(hello));
  received.push_back(describe_message(ready));
  ends e;
  e.bridge.emplace(std::move(bs.keys));
  e.phone.emplace(std::move(ps.keys));
  auto transport = run_script(e, in.at("script").as_array(), received);

  const auto& rin = in.at("resume").as_object();
  const auto counter = rin.at("counter").to_number<std::uint32_t>();
  auto pr = must(
      link_handshake::resume(true, ps.resume_key, counter, ps.handshake_hash, key_of(rin, "phone_ephemeral")),
      "resume i");
  auto br = must(link_handshake::resume(false, bs.resume_key, counter, bs.handshake_hash,
                                        key_of(rin, "bridge_ephemeral")),
                 "resume r");
  auto rmsg1 = must(pr.write(message_from_json(rin.at("hello").as_object())), "resume msg1");
  (void)must(br.read(rmsg1), "resume read msg1");
  auto rmsg2 = must(br.write(message_from_json(rin.at("ready").as_object())), "resume msg2");
  (void)must(pr.read(rmsg2), "resume read msg2");
  auto prs = must(pr.finish(), "resume phone finish");
  auto brs = must(br.finish(), "resume bridge finish");

  auto bridge_again = must(e.bridge->resume(std::move(brs.keys)), "bridge resume");
  auto phone_again = must(e.phone->resume(std::move(prs.keys)), "phone resume");
  json::array resent_bridge, resent_phone;
  for (const auto& ct : bridge_again) {
    resent_bridge.push_back(json::string(to_hex(ct)));
    auto got = must(e.phone->receive(ct), "receive resent");
    received.push_back(got ? json::value(describe_message(*got)) : json::value(nullptr));
  }
  for (const auto& ct : phone_again) {
    resent_phone.push_back(json::string(to_hex(ct)));
    auto got = must(e.bridge->receive(ct), "receive resent");
    received.push_back(got ? json::value(describe_message(*got)) : json::value(nullptr));
  }
  auto after = run_script(e, in.at("after_resume").as_array(), received);

  return {{"qr_payload", qr.at("payload")},
          {"msg1", to_hex(msg1)},
          {"msg2", to_hex(msg2)},
          {"handshake_hash", to_hex(ps.handshake_hash)},
          {"sas", ps.sas},
          {"resume_key", to_hex(ps.resume_key.view())},
          {"transport", std::move(transport)},
          {"resume_msg1", to_hex(rmsg1)},
          {"resume_msg2", to_hex(rmsg2)},
          {"resume_handshake_hash", to_hex(prs.handshake_hash)},
          {"resent_bridge", std::move(resent_bridge)},
          {"resent_phone", std::move(resent_phone)},
          {"after_resume", std::move(after)},
          {"received", std::move(received)}};
}

// The link session machine fed a sequence of events: after each, the actions it returned and
// where it stands.
json::value link_session_out(const json::object& in) {
  const auto role_name = in.at("role").as_string();
  link_session s(role_name == "phone" ? link_role::phone : link_role::bridge);
  const auto counters = [](const std::vector<std::uint32_t>& v) {
    json::array a;
    for (auto n : v) a.push_back(n);
    return a;
  };
  json::array steps;
  for (const auto& e : in.at("events").as_array()) {
    const auto& ev = e.as_object();
    const auto name = ev.at("ev").as_string();
    const auto n = ev.contains("n") ? ev.at("n").to_number<std::uint32_t>() : 0U;
    const auto at = ev.contains("at") ? ev.at("at").to_number<std::uint64_t>() : 0U;
    link_actions a;
    if (name == "start")
      a = s.start(at);
    else if (name == "restore")
      a = s.restore(n, at);
    else if (name == "paired")
      a = s.paired(at);
    else if (name == "hello")
      a = s.hello(n);
    else if (name == "resumed")
      a = s.resumed(n, at);
    else if (name == "resume_failed")
      a = s.resume_failed(n, at);
    else if (name == "lost")
      a = s.lost(n, at);
    else if (name == "tick")
      a = s.tick(at);
    else if (name == "wake")
      a = s.wake(at);
    else if (name == "close")
      a = s.close();
    else
      throw std::runtime_error("unknown link_session event " + std::string(name));
    const auto wake = s.wake_at();
    steps.push_back(json::object{{"close", counters(a.close)},
                                 {"open", counters(a.open)},
                                 {"end", link_name(a.end)},
                                 {"state", link_name(s.state())},
                                 {"next", s.next_counter()},
                                 {"pending", counters(s.pending())},
                                 {"wake_at", wake ? json::value(*wake) : json::value(nullptr)}});
  }
  return {{"steps", std::move(steps)}};
}

}  // namespace

json::value compute_case(std::string_view section, const json::object& in) {
  if (section == "qr") return qr_out(in);
  if (section == "pairing_keys") return pairing_keys_out(in);
  if (section == "resume_keys") return resume_keys_out(in);
  if (section == "sas") return sas_out(in);
  if (section == "frames") return frames_out(in);
  if (section == "messages") return messages_out(in);
  if (section == "invalid") return invalid_out(in);
  if (section == "transcript") return transcript_out(in);
  if (section == "error_codes") {  // error.code on the wire: the errc number, named the same on both sides
    const auto n = in.at("code").to_number<int>();
    return {{"name", code_name(static_cast<errc>(n))}};
  }
  if (section == "link_session") return link_session_out(in);
  throw std::runtime_error("unknown section " + std::string(section));
}

}  // namespace bridgelink::vectors
