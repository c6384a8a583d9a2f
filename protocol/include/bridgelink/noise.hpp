#pragma once
// Noise Protocol Framework, revision 34, for the one suite BridgeLink uses:
// DH = 25519, cipher = ChaChaPoly (IETF, 96-bit nonce = 4 zero bytes + 64-bit LE counter),
// hash = BLAKE2b (HASHLEN 64, BLOCKLEN 128). Sans-I/O: buffers in, buffers out.
// Handles every fundamental, one-way and deferred pattern with any pskN modifiers.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink::noise {

inline constexpr std::size_t dh_len = 32;
inline constexpr std::size_t hash_len = 64;
inline constexpr std::size_t key_len = 32;
inline constexpr std::size_t tag_len = 16;
inline constexpr std::size_t psk_len = 32;
inline constexpr std::size_t max_message = 65535;

using public_key = std::array<std::uint8_t, dh_len>;
using hash_value = std::array<std::uint8_t, hash_len>;

struct keypair {
  secret_array<dh_len> secret;
  public_key pub{};
  /// A fresh key pair from the system CSPRNG.
  [[nodiscard]] static keypair generate();
  /// The key pair for a given private key (test vectors, persisted bridge keys).
  [[nodiscard]] static keypair from_secret(byte_view secret32);
};

/// One direction of transport encryption (Noise CipherState).
class cipher_state {
 public:
  cipher_state() = default;
  explicit cipher_state(byte_view key) : key_(key), has_key_(true) {}
  [[nodiscard]] bool has_key() const noexcept { return has_key_; }
  [[nodiscard]] std::uint64_t nonce() const noexcept { return n_; }
  /// Appends ciphertext (or the plaintext when there is no key yet) to out.
  [[nodiscard]] status encrypt_with_ad(byte_view ad, byte_view plaintext, bytes& out);
  /// Encrypts buf's content where it is: buf then holds the ciphertext and its tag (room for the
  /// tag reserved beforehand saves a move). With no key, buf is left as it is. On failure buf is
  /// wiped and emptied.
  [[nodiscard]] status encrypt_in_place(byte_view ad, bytes& buf);
  /// Appends plaintext to out. On auth failure the nonce does not advance and out is unchanged.
  [[nodiscard]] status decrypt_with_ad(byte_view ad, byte_view ciphertext, bytes& out);
  [[nodiscard]] status decrypt_with_ad(byte_view ad, byte_view ciphertext, secret_bytes& out);

 private:
  secret_array<key_len> key_;
  bool has_key_ = false;
  std::uint64_t n_ = 0;
};

/// Handshake message patterns, e.g. "NK", "NKpsk0", "X1K1", "XXpsk3".
enum class token : std::uint8_t { e, s, ee, es, se, ss, psk };
struct message_pattern {
  bool from_initiator;
  std::vector<token> tokens;
};
struct handshake_pattern {
  std::string name;                         // e.g. "NKpsk0"
  std::vector<token> initiator_premessage;  // subset of {e, s}
  std::vector<token> responder_premessage;
  std::vector<message_pattern> messages;
  std::size_t psk_count = 0;
  bool one_way = false;  // N, K, X: only the initiator sends, also after the handshake
};
/// Parses the pattern part of a protocol name ("NKpsk0", "I1K1", "NNpsk0+psk2").
[[nodiscard]] result<handshake_pattern> find_pattern(std::string_view name);

/// Parses "Noise_<pattern>_25519_ChaChaPoly_BLAKE2b"; any other suite is unknown_protocol.
[[nodiscard]] result<handshake_pattern> parse_protocol_name(std::string_view protocol_name);

struct handshake_config {
  std::string protocol_name;  // "Noise_NKpsk0_25519_ChaChaPoly_BLAKE2b"
  bool initiator = false;
  bytes prologue;
  std::optional<keypair> s;                 // local static
  std::optional<keypair> e;                 // local ephemeral: only for test vectors
  std::optional<public_key> rs;             // remote static known in advance
  std::optional<public_key> re;             // remote ephemeral known in advance
  std::vector<secret_array<psk_len>> psks;  // in the order the pattern uses them
};

struct transport_keys {
  cipher_state send;
  cipher_state receive;
};

/// Noise HandshakeState with its SymmetricState. Write/read alternate as the pattern says.
class handshake {
 public:
  [[nodiscard]] static result<handshake> create(handshake_config cfg);

  /// Appends the next handshake message carrying payload to out.
  [[nodiscard]] status write_message(byte_view payload, bytes& out);
  /// Reads the next handshake message and appends its payload to out.
  [[nodiscard]] status read_message(byte_view message, bytes& out);

  [[nodiscard]] bool is_my_turn() const noexcept;
  [[nodiscard]] bool finished() const noexcept { return index_ == pattern_.messages.size(); }
  /// Available once finished(): send/receive cipher states for this side.
  [[nodiscard]] result<transport_keys> split() const;
  [[nodiscard]] const hash_value& handshake_hash() const noexcept { return h_; }
  /// The final chaining key: secret, used only to derive BridgeLink resume keys.
  [[nodiscard]] const secret_array<hash_len>& chaining_key() const noexcept { return ck_; }
  [[nodiscard]] const std::optional<public_key>& remote_static() const noexcept { return rs_; }
  [[nodiscard]] const std::optional<public_key>& remote_ephemeral() const noexcept { return re_; }

 private:
  handshake() = default;
  void mix_hash(byte_view data);
  void mix_key(byte_view ikm);
  void mix_key_and_hash(byte_view ikm);
  [[nodiscard]] status encrypt_and_hash(byte_view plaintext, bytes& out);
  [[nodiscard]] status decrypt_and_hash(byte_view ciphertext, bytes& out);
  [[nodiscard]] status mix_dh(token t);

  handshake_pattern pattern_;
  bool initiator_ = false;
  bool psk_mode_ = false;
  std::size_t index_ = 0;
  std::size_t next_psk_ = 0;
  hash_value h_{};
  secret_array<hash_len> ck_;
  cipher_state cipher_;
  std::optional<keypair> s_, e_;
  std::optional<public_key> rs_, re_;
  std::vector<secret_array<psk_len>> psks_;
  bool failed_ = false;
};

// Primitives, exposed for the BridgeLink derivations and for tests.
[[nodiscard]] hash_value hash(byte_view a, byte_view b = {});
void hmac(byte_view key, byte_view data, std::uint8_t out[hash_len]);
/// HKDF from the Noise spec (section 4.3) with num_outputs of 2 or 3.
void hkdf(byte_view chaining_key, byte_view ikm, std::size_t num_outputs, std::uint8_t* out1,
          std::uint8_t* out2, std::uint8_t* out3);

}  // namespace bridgelink::noise
