#pragma once
// The two-message BridgeLink handshakes on top of Noise:
//   pairing: Noise_NKpsk0, phone = initiator, prologue = label || QR payload bytes
//   resume:  Noise_NNpsk0, prologue = label || counter || previous handshake hash
// msg1 carries the phone's hello, msg2 the bridge's ready, both as padded typed messages.
// After msg2 both sides hold the same session_secrets.
#include <cstdint>
#include <optional>

#include "bridgelink/derive.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/messages.hpp"
#include "bridgelink/noise.hpp"
#include "bridgelink/qr_payload.hpp"

namespace bridgelink {

struct session_secrets {
  noise::transport_keys keys;
  noise::hash_value handshake_hash{};  // public to both ends; input of the SAS and of resume prologues
  secret_array<32> resume_key;
  std::string sas;  // 6 digits
};

class link_handshake {
 public:
  /// Phone side of pairing, from the scanned payload bytes.
  [[nodiscard]] static result<link_handshake> pairing_initiator(byte_view qr_payload_bytes,
                                                                std::optional<noise::keypair> ephemeral = {});
  /// Bridge side of pairing for one QR it showed.
  [[nodiscard]] static result<link_handshake> pairing_responder(const noise::keypair& bridge_static,
                                                                byte_view qr_payload_bytes,
                                                                std::optional<noise::keypair> ephemeral = {});
  /// Either side of resume attempt `counter` of an established session.
  [[nodiscard]] static result<link_handshake> resume(bool initiator, const secret_array<32>& resume_key,
                                                     std::uint32_t counter,
                                                     const noise::hash_value& previous_handshake_hash,
                                                     std::optional<noise::keypair> ephemeral = {});

  /// Initiator: writes msg1 with a hello. Responder: writes msg2 with a ready.
  [[nodiscard]] result<bytes> write(const message& m);
  /// Responder: reads msg1 (expects hello). Initiator: reads msg2 (expects ready).
  [[nodiscard]] result<message> read(byte_view handshake_message);
  [[nodiscard]] bool finished() const noexcept { return hs_.finished(); }
  /// After the second message: the transport keys, handshake hash, resume key and SAS.
  [[nodiscard]] result<session_secrets> finish() const;

 private:
  explicit link_handshake(noise::handshake hs, bool initiator) : hs_(std::move(hs)), initiator_(initiator) {}
  noise::handshake hs_;
  bool initiator_;
  bool failed_ = false;
};

}  // namespace bridgelink
