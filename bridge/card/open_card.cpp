#include "card/open_card.hpp"

#include <filesystem>

#include "card/apdu_card.hpp"
#include "card/pkcs11_card.hpp"

namespace eimza::card {
namespace {

// apdu_card talks through a channel it does not own: this keeps both together.
class pcsc_apdu_card final : public card_access {
 public:
  explicit pcsc_apdu_card(pcsc_channel channel) : channel_(std::move(channel)), card_(channel_) {}
  card_result<card_summary> read_summary() override { return card_.read_summary(); }
  card_status change_pin(const bridgelink::secret_bytes& old_pin,
                         const bridgelink::secret_bytes& new_pin) override {
    return card_.change_pin(old_pin, new_pin);
  }

 private:
  pcsc_channel channel_;
  apdu_card card_;
};

// The vendor module reading a card that PC/SC saw: the summary keeps the ATR and family, and an
// ID-card-family card with nothing to sign with is said to be what it probably is.
class module_for_reader final : public card_access {
 public:
  module_for_reader(std::unique_ptr<card_access> module, bridgelink::bytes atr)
      : module_(std::move(module)), atr_(std::move(atr)), family_(identify(atr_)) {}
  card_result<card_summary> read_summary() override {
    auto s = module_->read_summary();
    const bool id_family = family_ == card_family::akis_v2_or_id;
    if (!s) return id_family && s.error() == card_errc::no_token ? card_errc::identity_card : s.error();
    s->atr = atr_;
    s->family = family_;
    return s;
  }
  card_status change_pin(const bridgelink::secret_bytes& old_pin,
                         const bridgelink::secret_bytes& new_pin) override {
    return module_->change_pin(old_pin, new_pin);
  }

 private:
  std::unique_ptr<card_access> module_;
  bridgelink::bytes atr_;
  card_family family_;
};

card_result<std::unique_ptr<card_access>> load(const std::string& path, const std::string& reader) {
  auto c = pkcs11_card::open(path, reader);
  if (!c) return c.error();
  return std::unique_ptr<card_access>(std::move(*c));
}

}  // namespace

card_route route_for(card_family f) noexcept {
  if (f == card_family::virtual_card) return card_route::apdu;
  if (is_akis(f)) return card_route::vendor_module;
  return card_route::apdu_then_module;
}

card_result<std::unique_ptr<card_access>> open_module(const std::string& requested,
                                                      const std::string& reader) {
  if (requested != "auto") {
    if (!std::filesystem::exists(requested)) return card_errc::module_missing;
    return load(requested, reader);
  }
  for (const auto& candidate : akis_module_candidates()) {
    const bool bare = candidate.find('/') == std::string::npos && candidate.find('\\') == std::string::npos;
    if (!bare && !std::filesystem::exists(candidate)) continue;
    auto c = load(candidate, reader);
    if (c || !bare) return c;  // an installed module that fails is reported, not skipped
  }
  return card_errc::driver_missing;
}

card_result<std::unique_ptr<card_access>> open_card(const pcsc_context& ctx, const std::string& reader,
                                                    const std::string& pkcs11_module) {
  if (!pkcs11_module.empty()) return open_module(pkcs11_module, reader);
  auto channel = pcsc_channel::connect(ctx, reader);
  if (!channel) return channel.error();
  const bridgelink::bytes atr = channel->atr();
  const auto via_module = [&]() -> card_result<std::unique_ptr<card_access>> {
    auto m = open_module("auto", reader);
    if (!m) return m.error();
    return std::unique_ptr<card_access>(std::make_unique<module_for_reader>(std::move(*m), atr));
  };
  switch (route_for(identify(atr))) {
    case card_route::apdu:
      return std::unique_ptr<card_access>(std::make_unique<pcsc_apdu_card>(std::move(*channel)));
    case card_route::vendor_module: return via_module();
    case card_route::apdu_then_module: {
      // Read-only commands only (SELECT, READ BINARY): safe on any card.
      auto card = std::make_unique<pcsc_apdu_card>(std::move(*channel));
      auto probe = card->read_summary();
      if (probe && !probe->certificates.empty()) return std::unique_ptr<card_access>(std::move(card));
      if (!probe && probe.error() != card_errc::file_not_found) return probe.error();
      card.reset();  // the module gets the card to itself
      return via_module();
    }
  }
  return card_errc::internal;
}

}  // namespace eimza::card
