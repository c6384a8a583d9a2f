#include "journey/phone_steps.hpp"

#include "journey/link_error.hpp"
#include "journey/step_contract.hpp"

namespace eimza::journey {
namespace bl = bridgelink;

bl::fields fields_of(std::initializer_list<std::pair<const char*, bl::field_value>> list) {
  bl::fields f;
  for (const auto& [k, v] : list) f.push_back({k, v});
  return f;
}

std::nullopt_t phone_steps::failed(std::string tr, std::string en) {
  why_tr_ = std::move(tr);
  why_en_ = std::move(en);
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
  board_.set(stage::waiting_card, "Kart çıkarıldı: devam etmek için kartı okuyucuya geri takın.",
             "The card was removed: put it back in the reader to continue.");
  tell("paused", fields_of({{"reason", bl::field_value::of_text("card_removed")}}));
  if (!guard_.presence->wait_present(guard_.wait, cancel_)) {
    (void)failed(cancel_ ? "İptal edildi." : "Kart geri takılmadı.",
                 cancel_ ? "Cancelled." : "The card was not put back.");
    return false;
  }
  if (!guard_.reattach()) {
    (void)failed("Takılan kart bu işleme başlanan kart değil.",
                 "The card inserted is not the one this activation started with.");
    return false;
  }
  board_.set(before.at, before.message_tr, before.message_en);
  return true;
}

std::optional<bl::fields> phone_steps::ask(std::string kind, bl::fields f, std::chrono::seconds timeout) {
  // Only what protocol/steps/steps.json declares goes to the phone.
  if (!check_step(kind, step_direction::request, f).empty())
    return failed("İç hata: adım tanımına uymuyor.",
                  "Internal error: a step does not match its declaration.");
  auto id = steps_.open();
  if (!id) return failed("İç hata: adım açılamadı.", "Internal error: could not open a step.");
  const bl::step_request_body request{*id, std::move(kind), std::move(f)};
  link_.send(bl::make_step_request(request));
  auto restarts = link_.restarts();
  auto removals = guard_.presence ? guard_.presence->removals() : 0;
  std::optional<status_snapshot> away;  // the desktop's message before the phone went away
  auto end = std::chrono::steady_clock::now() + timeout;
  auto give_up = [&](std::string tr, std::string en) {
    steps_.cancel(*id);
    if (away) board_.set(away->at, away->message_tr, away->message_en);
    return failed(std::move(tr), std::move(en));
  };
  while (std::chrono::steady_clock::now() < end) {
    if (cancel_) return give_up("İptal edildi.", "Cancelled.");
    if (guard_.presence && (guard_.presence->removals() != removals || !guard_.presence->present())) {
      if (!pause_for_card()) {
        steps_.cancel(*id);
        return std::nullopt;
      }
      removals = guard_.presence->removals();
      link_.send(bl::make_step_request(request));  // the same id: an answer already sent still counts once
      end = std::chrono::steady_clock::now() + timeout;
      continue;
    }
    if (const auto r = link_.restarts(); r != restarts) {
      restarts = r;
      link_.send(bl::make_step_request(request));  // the reloaded page lost what it showed
    }
    if (!link_.connected() && !link_.closed() && !away) {
      away = board_.snapshot();
      board_.set(away->at, "Telefon bağlantısı koptu; telefondaki sayfa geri gelince devam edilecek.",
                 "The phone disconnected; the journey continues when the page on the phone is back.");
    } else if (away && link_.connected()) {
      board_.set(away->at, away->message_tr, away->message_en);
      away.reset();
    }
    auto m = link_.receive(std::chrono::milliseconds(250));
    if (!m) {
      if (link_.closed())
        return give_up(std::string(describe(link_.error(), ui::language::tr)),
                       std::string(describe(link_.error(), ui::language::en)));
      continue;
    }
    if (m->type == bl::message_type::bye || m->type == bl::message_type::error)
      return give_up("Telefondaki sayfa kapatıldı.", "The page on the phone was closed.");
    if (m->type != bl::message_type::step_response) continue;
    auto& body = std::get<bl::step_response_body>(m->body);
    if (!steps_.answer(body.id)) continue;  // unknown or second answer: ignored
    if (body.id != *id) continue;
    if (away) board_.set(away->at, away->message_tr, away->message_en);
    // The answer must be what the declaration says: nothing undeclared, nothing missing.
    if (!check_step(request.kind, step_direction::response, body.data).empty())
      return failed("Telefondan gelen yanıt bu adıma uymuyor.", "The phone's answer does not fit this step.");
    return std::move(body.data);
  }
  return give_up("Telefon zamanında yanıt vermedi.", "The phone did not answer in time.");
}

}  // namespace eimza::journey
