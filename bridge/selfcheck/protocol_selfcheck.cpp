#include "selfcheck/protocol_selfcheck.hpp"

#include "bridgelink/link_handshake.hpp"
#include "bridgelink/sas_verifier.hpp"
#include "bridgelink/secure_channel.hpp"
#include "bridgelink/step_tracker.hpp"

namespace eimza::selfcheck {
namespace bl = bridgelink;
namespace {

struct run_state {
  std::vector<check_result> results;
  void add(ui::text_id what, bool ok, std::string detail = {}) {
    results.push_back({what, ok, std::move(detail)});
  }
  void fail(ui::text_id what, bl::errc e) { add(what, false, std::string(bl::code_name(e))); }
};

}  // namespace

std::vector<check_result> run_protocol_selfcheck(const bl::noise::keypair& bridge_static,
                                                 const bl::qr_ticket& ticket, bl::random_source& rng) {
  run_state st;
  using ui::text_id;

  // Pairing: the phone's side from the same bytes the QR carries.
  auto phone_hs = bl::link_handshake::pairing_initiator(ticket.payload);
  auto bridge_hs = bl::link_handshake::pairing_responder(bridge_static, ticket.payload);
  if (!phone_hs || !bridge_hs) {
    st.fail(text_id::selfcheck_pairing, !phone_hs ? phone_hs.error() : bridge_hs.error());
    return st.results;
  }
  auto m1 = phone_hs->write(bl::make_hello({"selfcheck", "1", "tr"}));
  auto hello = m1 ? bridge_hs->read(*m1) : bl::result<bl::message>(m1.error());
  auto m2 = hello ? bridge_hs->write(bl::make_ready({"bridge", "activation"}))
                  : bl::result<bl::bytes>(hello.error());
  auto ready = m2 ? phone_hs->read(*m2) : bl::result<bl::message>(m2.error());
  if (!ready) {
    st.fail(text_id::selfcheck_pairing, ready.error());
    return st.results;
  }
  auto phone = phone_hs->finish();
  auto bridge = bridge_hs->finish();
  if (!phone || !bridge) {
    st.fail(text_id::selfcheck_pairing, bl::errc::bad_state);
    return st.results;
  }
  st.add(text_id::selfcheck_pairing, true);

  bl::sas_verifier sas(bridge->sas);
  st.add(text_id::selfcheck_sas, sas.check(phone->sas) == bl::sas_verifier::outcome::accepted);

  // One step, answered once; a second answer to the same id is refused.
  bl::secure_channel bch(std::move(bridge->keys)), pch(std::move(phone->keys));
  bl::step_tracker steps(rng);
  auto id = steps.open();
  bool steps_ok = false;
  if (id) {
    auto req = bch.send(bl::make_step_request({*id, "confirm_phone", {}}));
    auto got = req ? pch.receive(*req) : bl::result<std::optional<bl::message>>(req.error());
    if (got && *got) {
      const auto& body = std::get<bl::step_request_body>((*got)->body);
      bl::fields answer;
      answer.push_back({"confirmed", bl::field_value::of_bool(true)});
      auto resp = pch.send(bl::make_step_response({body.id, std::move(answer)}));
      auto back = resp ? bch.receive(*resp) : bl::result<std::optional<bl::message>>(resp.error());
      if (back && *back) {
        const auto& rb = std::get<bl::step_response_body>((*back)->body);
        steps_ok = steps.answer(rb.id).ok() && steps.answer(rb.id).error() == bl::errc::replayed;
      }
    }
  }
  st.add(text_id::selfcheck_steps, steps_ok);

  // Resume: a message lost with the connection arrives after the NNpsk0 resume.
  bool resume_ok = false;
  auto lost = bch.send(bl::make_step_request({bl::step_id{}, "sms_code", {}}));
  auto pr = bl::link_handshake::resume(true, phone->resume_key, 1, phone->handshake_hash);
  auto br = bl::link_handshake::resume(false, bridge->resume_key, 1, bridge->handshake_hash);
  if (lost && pr && br) {
    auto r1 = pr->write(bl::make_hello({"selfcheck", "1", "tr"}));
    if (r1 && br->read(*r1)) {
      auto r2 = br->write(bl::make_ready({"bridge", "activation"}));
      if (r2 && pr->read(*r2)) {
        auto pk = pr->finish();
        auto bk = br->finish();
        if (pk && bk) {
          auto again = bch.resume(std::move(bk->keys));
          if (again && pch.resume(std::move(pk->keys)) && again->size() == 1) {
            auto got = pch.receive(again->front());
            resume_ok = got && *got && std::get<bl::step_request_body>((*got)->body).kind == "sms_code";
          }
        }
      }
    }
  }
  st.add(text_id::selfcheck_resume, resume_ok);

  // A flipped bit must end the channel.
  auto frame = bch.send(bl::make_ping());
  bool tamper_ok = false;
  if (frame) {
    (*frame)[frame->size() / 2] ^= 0x01;
    auto got = pch.receive(*frame);
    tamper_ok = !got && got.error() == bl::errc::auth_failed && pch.closed();
  }
  st.add(text_id::selfcheck_tamper, tamper_ok);
  return st.results;
}

}  // namespace eimza::selfcheck
