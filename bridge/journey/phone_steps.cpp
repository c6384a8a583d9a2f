#include "journey/phone_steps.hpp"

#include "journey/journey_text.hpp"
#include "journey/link_error.hpp"
#include "journey/step_contract.hpp"

namespace eimza::journey {
namespace bl = bridgelink;

bl::fields fields_of(std::initializer_list<std::pair<const char*, bl::field_value>> list) {
  bl::fields f;
  for (const auto& [k, v] : list) f.push_back({k, v});
  return f;
}

std::nullopt_t phone_steps::failed(ui::message why) {
  why_ = std::move(why);
  return std::nullopt;
}

void phone_steps::tell(std::string kind, bl::fields f) {
  if (!check_step(kind, step_direction::request, f).empty()) return;  // a defect: never sent (tests fail)
  auto id = steps_.open();
  if (!id) return;
  link_.send(bl::make_step_request({*id, std::move(kind), std::move(f)}));
  steps_.cancel(*id);  // an answer to it is not expected and would be ignored
}

bool phone_steps::pause_for_card() {
  const auto before = board_.snapshot();
  board_.set(stage::waiting_card, journey_text::card_pulled);
  tell("paused", fields_of({{"reason", bl::field_value::of_text("card_removed")}}));
  const bool back = board_.events().wait_until(wakeup::clock::now() + guard_.wait, [&] {
    return cancel_ || guard_.presence->present();
  }) && !cancel_;
  if (!back) {
    (void)failed(cancel_ ? journey_text::cancelled : journey_text::card_not_back);
    return false;
  }
  if (!guard_.reattach()) {
    (void)failed(journey_text::other_card);
    return false;
  }
  board_.set(before.at, before.message);
  return true;
}

std::optional<bl::fields> phone_steps::ask(std::string kind, bl::fields f, std::chrono::seconds timeout) {
  // Only what protocol/steps/steps.json declares goes to the phone.
  if (!check_step(kind, step_direction::request, f).empty()) return failed(journey_text::step_undeclared);
  auto id = steps_.open();
  if (!id) return failed(journey_text::step_not_opened);
  const bl::step_request_body request{*id, std::move(kind), std::move(f)};
  link_.send(bl::make_step_request(request));
  auto restarts = link_.restarts();
  auto removals = guard_.presence ? guard_.presence->removals() : 0;
  std::optional<status_snapshot> away;  // the desktop's message before the phone went away
  auto end = wakeup::clock::now() + timeout;
  auto give_up = [&](ui::message why) {
    steps_.cancel(*id);
    if (away) board_.set(away->at, away->message);
    return failed(std::move(why));
  };
  // Event-driven: everything below changes only when the link, the card watch or the board
  // notifies the wakeup; between two notifications the journey thread sleeps.
  auto& events = board_.events();
  while (wakeup::clock::now() < end) {
    const auto seen = events.generation();
    if (cancel_) return give_up(journey_text::cancelled);
    if (guard_.presence && (guard_.presence->removals() != removals || !guard_.presence->present())) {
      if (!pause_for_card()) {
        steps_.cancel(*id);
        return std::nullopt;
      }
      removals = guard_.presence->removals();
      link_.send(bl::make_step_request(request));  // the same id: an answer already sent still counts once
      end = wakeup::clock::now() + timeout;
      continue;
    }
    if (const auto r = link_.restarts(); r != restarts) {
      restarts = r;
      link_.send(bl::make_step_request(request));  // the reloaded page lost what it showed
    }
    if (!link_.connected() && !link_.closed() && !away) {
      away = board_.snapshot();
      board_.set(away->at, journey_text::phone_away);
    } else if (away && link_.connected()) {
      board_.set(away->at, away->message);
      away.reset();
    }
    if (auto m = link_.try_receive()) {
      if (m->type == bl::message_type::bye || m->type == bl::message_type::error)
        return give_up(journey_text::page_closed);
      if (m->type != bl::message_type::step_response) continue;
      auto& body = std::get<bl::step_response_body>(m->body);
      if (!steps_.answer(body.id)) continue;  // unknown or second answer: ignored
      if (body.id != *id) continue;
      if (away) board_.set(away->at, away->message);
      // The answer must be what the declaration says: nothing undeclared, nothing missing.
      if (!check_step(request.kind, step_direction::response, body.data).empty())
        return failed(journey_text::answer_mismatch);
      return std::move(body.data);
    }
    if (link_.closed()) return give_up(link_message(link_.error()));
    (void)events.wait(seen, end);
  }
  return give_up(journey_text::phone_no_answer);
}

}  // namespace eimza::journey
