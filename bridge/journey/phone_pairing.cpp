#include "journey/phone_pairing.hpp"

#include <algorithm>
#include <map>

#include "platform/clock.hpp"

namespace eimza::journey {
namespace bl = bridgelink;

pairing_outcome wait_for_phone(boost::asio::io_context& io, const phone_link::endpoint& relay,
                               const bl::noise::keypair& bridge_static, bl::qr_rotation& rotation,
                               const phone_link::options& link_options, status_board& board,
                               std::chrono::seconds wait, const std::atomic<bool>& cancel) {
  std::map<std::string, std::shared_ptr<phone_link>> links;  // by channel id (hex)
  std::string shown;
  pairing_outcome out;
  auto close_all_but = [&](const std::shared_ptr<phone_link>& keep) {
    for (auto& [id, l] : links)
      if (l != keep) l->close("");
    links.clear();
  };
  const auto end = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < end) {
    if (cancel) {
      close_all_but(nullptr);
      out.why_tr = "İptal edildi.", out.why_en = "Cancelled.";
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
      auto l = std::make_shared<phone_link>(io, relay, bridge_static, *t,
                                            bl::ready_body{"e-imza köprüsü", "activation"}, link_options);
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
    // appears within the rotation interval. Of the phones that paired since the last look, the
    // first to complete its handshake wins; the others are told so ("already_paired").
    std::shared_ptr<phone_link> first;
    for (auto& [id, l] : links)
      if (l->paired_order() != 0 && (!first || l->paired_order() < first->paired_order())) first = l;
    if (first) {
      rotation.consume();
      out.link = first;
      out.sas = first->wait_paired(std::chrono::milliseconds(0));
      for (auto& [id, l] : links)
        if (l != first) l->close(l->paired_order() != 0 ? "already_paired" : "");
      links.clear();
      return out;
    }
    // Every channel refused by the relay (down, certificate not trusted): say so now rather
    // than after five minutes of a QR no phone can use.
    if (!links.empty() && std::all_of(links.begin(), links.end(), [](const auto& e) {
          const auto why = e.second->last_error();
          return e.second->closed() && why.rfind("relay", 0) == 0;
        })) {
      const auto why = links.begin()->second->last_error();
      close_all_but(nullptr);
      out.why_tr = "Aktarıcıya bağlanılamadı: " + why;
      out.why_en = "Could not connect to the relay: " + why;
      return out;
    }
    if (!links.empty())
      (void)links.begin()->second->wait_paired(std::chrono::milliseconds(100));
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  close_all_but(nullptr);
  out.why_tr = "QR kodu okutulmadı; süre doldu. Yeniden başlatın.";
  out.why_en = "No phone scanned the QR code in time. Start again.";
  return out;
}

}  // namespace eimza::journey
