#include "card/open_card.hpp"

#include <filesystem>
#include <optional>

#include "card/apdu_card.hpp"
#include "card/pkcs11_card.hpp"

namespace eimza::card {
namespace {

// apdu_card talks through a channel it does not own: this keeps both together.
class pcsc_apdu_card final : public card_access {
 public:
  explicit pcsc_apdu_card(pcsc_channel channel) : channel_(std::move(channel)), card_(channel_) {}
  card_result<card_summary> read_summary() override { return card_.read_summary(); }
  card_status change_pin(const bridgelink::secret_bytes& old_pin, const bridgelink::secret_bytes& new_pin) override {
    return card_.change_pin(old_pin, new_pin);
  }

 private:
  pcsc_channel channel_;
  apdu_card card_;
};

}  // namespace

card_result<std::string> resolve_pkcs11_module(const std::string& requested) {
  if (requested != "auto") {
    if (!std::filesystem::exists(requested)) return card_errc::module_missing;
    return requested;
  }
  for (const auto& p : default_pkcs11_modules())
    if (std::filesystem::exists(p)) return std::string(p);
  return card_errc::module_missing;
}

card_result<std::unique_ptr<card_access>> open_card(const pcsc_context& ctx, const std::string& reader,
                                                    const std::string& pkcs11_module) {
  if (!pkcs11_module.empty()) {
    auto path = resolve_pkcs11_module(pkcs11_module);
    if (!path) return path.error();
    auto c = pkcs11_card::open(*path);
    if (!c) return c.error();
    return std::unique_ptr<card_access>(std::move(*c));
  }
  auto channel = pcsc_channel::connect(ctx, reader);
  if (!channel) return channel.error();
  return std::unique_ptr<card_access>(std::make_unique<pcsc_apdu_card>(std::move(*channel)));
}

}  // namespace eimza::card
