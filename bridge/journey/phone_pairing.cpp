#include "journey/phone_pairing.hpp"

#include <algorithm>
#include <map>

#include "bridgelink/limits.hpp"
#include "journey/journey_text.hpp"
#include "journey/link_error.hpp"
#include "platform/clock.hpp"
#include "ui/text.hpp"

namespace eimza::journey {
namespace bl = bridgelink;

pairing_outcome wait_for_phone(boost::asio::io_context& io, const phone_link::endpoint& relay,
                               const bl::noise::keypair& bridge_static, bl::qr_rotation& rotation,
                               const phone_link::options& link_options, status_board& board,
                               std::chrono::seconds wait) {
  const auto& cancel = board.cancel_flag();
  std::map<std::string, std::shared_ptr<phone_link>> links;  // by channel id (hex)
  std::string shown;
  pairing_outcome out;
  // One claim for the rotation: the first completed handshake takes it, whatever the timing.
  auto options = link_options;
  options.claim = std::make_shared<pairing_claim>();
  auto close_all_but = [&](const std::shared_ptr<phone_link>& keep) {
    for (auto& [id, l] : links)
      if (l != keep) l->close("");
    links.clear();
  };
  // Event-driven: the links notify the board's wakeup (paired, refused, ended), the board does on
  // cancel; the only timed wake-up is the next QR rotation.
  auto& events = board.events();
  const auto end = wakeup::clock::now() + wait;
  while (wakeup::clock::now() < end) {
    const auto seen = events.generation();
    if (cancel) {
      close_all_but(nullptr);
      out.why = journey_text::cancelled;
      return out;
    }
    const auto now = static_cast<std::uint64_t>(platform::unix_seconds());
    auto current = rotation.current(now);
    if (!current) break;  // shown long enough: the person starts again
    if ((*current)->url != shown) {
      shown = (*current)->url;
      board.set_qr(shown);
    }
    const auto accepted = rotation.accepted(now);
    for (const auto* t : accepted) {
      const auto id = bl::to_hex(t->keys.id);
      if (links.count(id)) continue;
      auto l = std::make_shared<phone_link>(
          io, relay, bridge_static, *t,
          bl::ready_body{ui::say(ui::language::tr, journey_text::bridge_name), "activation"}, options);
      l->on_change([&events] { events.notify(); });
      l->start();
      links.emplace(id, std::move(l));
    }
    for (auto it = links.begin(); it != links.end();) {
      const bool still = std::any_of(accepted.begin(), accepted.end(), [&](const bl::qr_ticket* t) {
        return bl::to_hex(t->keys.id) == it->first;
      });
      if (still) {
        ++it;
        continue;
      }
      it->second->close("");
      it = links.erase(it);
    }
    // A failed handshake ends its link for good (one try per code, no oracle); the next code
    // appears within the rotation interval. The link that took the claim is the phone; a later
    // handshake on the other code was refused by its link ("already_paired").
    const auto winner =
        std::find_if(links.begin(), links.end(), [](const auto& e) { return e.second->paired(); });
    if (winner != links.end()) {
      rotation.consume();
      out.link = winner->second;
      out.sas = out.link->wait_paired(std::chrono::milliseconds(0));
      close_all_but(out.link);
      return out;
    }
    // Every channel refused by the relay (down, certificate not trusted): say so now rather
    // than after five minutes of a QR no phone can use.
    if (!links.empty() && std::all_of(links.begin(), links.end(), [](const auto& e) {
          return e.second->closed() && is_relay_problem(e.second->error());
        })) {
      const auto why = links.begin()->second->error();
      out.log_detail = links.begin()->second->last_error();
      close_all_but(nullptr);
      out.why = link_message(why);
      return out;
    }
    // Until something happens, or the code is due to change (unix seconds, never early).
    const auto due = (*current)->created_at + static_cast<std::uint64_t>(bl::limits::qr_rotation.count());
    const auto next = wakeup::clock::now() + std::chrono::seconds(due > now ? due - now : 1);
    (void)events.wait(seen, std::min(end, next));
  }
  close_all_but(nullptr);
  out.why = journey_text::qr_timeout;
  return out;
}

}  // namespace eimza::journey
