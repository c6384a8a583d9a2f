#pragma once
// Our protocol on top of a pipe: the NKpsk0 pairing (bridge responder, phone initiator), the
// secure channels of both ends, and the NNpsk0 resume — what the product does, driven from one
// thread with blocking reads.
#include <optional>

#include "bridgelink/link_handshake.hpp"
#include "bridgelink/secure_channel.hpp"
#include "pipes.hpp"

namespace bench {

struct qr_code {
  bridgelink::bytes payload;
  std::string channel_hex;
};

/// A fresh QR for the bridge key (what the bridge shows).
[[nodiscard]] qr_code make_qr(const bridgelink::noise::keypair& bridge_static);

struct session {
  std::optional<bridgelink::secure_channel> bridge, phone;
  bridgelink::secret_array<32> resume_key;
  bridgelink::noise::hash_value pairing_hash{};
  std::uint32_t next_resume = 1;
};

/// msg1 → msg2 over an open pipe; throws on any failure.
[[nodiscard]] session pair(pipe_pair& p, const bridgelink::noise::keypair& bridge_static, const qr_code& qr);

/// The resume handshake over a new pipe on the resume channel (continue: outboxes resent).
/// Returns the sealed resends of the bridge and of the phone, to be written by the caller.
struct resends {
  std::vector<bridgelink::bytes> from_bridge, from_phone;
};
[[nodiscard]] resends resume(pipe_pair& p, session& s, std::uint32_t counter);
[[nodiscard]] std::string resume_channel(const session& s, std::uint32_t counter);

/// A step_response carrying `size` bytes of payload.
[[nodiscard]] bridgelink::message payload_message(bridgelink::byte_view data);
[[nodiscard]] bridgelink::bytes payload_of(const bridgelink::message& m);

template <class R>
auto must(R&& r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + std::string(bridgelink::code_name(r.error())));
  return std::move(*r);
}

}  // namespace bench
