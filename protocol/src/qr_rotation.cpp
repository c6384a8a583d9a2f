#include "bridgelink/qr_rotation.hpp"

#include "bridgelink/limits.hpp"

namespace bridgelink {

qr_rotation::qr_rotation(options opts, random_source& rng, std::uint64_t now)
    : opts_(std::move(opts)), rng_(rng), started_(now) {
  issue(now);
}

void qr_rotation::issue(std::uint64_t now) {
  qr_payload p;
  p.bridge_key = opts_.bridge_key;
  rng_.fill(std::span(p.secret.data(), p.secret.size()));
  p.created_at = now;
  p.flags = opts_.flags;
  p.lan = opts_.lan;
  auto encoded = encode_qr_payload(p);
  if (!encoded) return;  // options were checked by the caller; an invalid one shows no code
  qr_ticket t;
  t.payload = std::move(*encoded);
  t.url = qr_url(opts_.origin, t.payload);
  t.keys = derive_pairing_keys(p.secret.view());
  t.created_at = now;
  previous_ = std::move(current_);
  current_ = std::move(t);
}

bool qr_rotation::within_show_time(std::uint64_t now) const noexcept {
  return now >= started_ && now - started_ < static_cast<std::uint64_t>(limits::qr_show_max.count());
}

result<const qr_ticket*> qr_rotation::current(std::uint64_t now) {
  if (consumed_) return errc::replayed;
  if (!within_show_time(now)) return errc::expired;
  if (!current_) return errc::bad_field;
  if (now - current_->created_at >= static_cast<std::uint64_t>(limits::qr_rotation.count())) issue(now);
  return &*current_;
}

std::vector<const qr_ticket*> qr_rotation::accepted(std::uint64_t now) const {
  std::vector<const qr_ticket*> out;
  if (consumed_ || !within_show_time(now)) return out;
  if (current_) out.push_back(&*current_);
  if (previous_) out.push_back(&*previous_);
  return out;
}

result<const qr_ticket*> qr_rotation::find(const channel_id& id, std::uint64_t now) const {
  if (consumed_) return errc::replayed;
  for (const auto* t : accepted(now))
    if (constant_time_equal(t->keys.id, id)) return t;
  return errc::expired;
}

}  // namespace bridgelink
