#include "bridgelink/errors.hpp"

namespace bridgelink {

std::string_view describe(errc e) noexcept {
  switch (e) {
    case errc::truncated: return "truncated input";
    case errc::oversized: return "input exceeds the size limit";
    case errc::trailing_data: return "unexpected bytes after the end";
    case errc::bad_encoding: return "malformed or non-canonical encoding";
    case errc::bad_version: return "unsupported protocol version";
    case errc::bad_field: return "missing, duplicate or invalid field";
    case errc::bad_padding: return "invalid frame padding";
    case errc::auth_failed: return "authentication failed (wrong key, tampered, reordered or replayed data)";
    case errc::bad_key: return "invalid public key";
    case errc::nonce_exhausted: return "cipher nonce exhausted";
    case errc::bad_state: return "operation not allowed in this state";
    case errc::unknown_protocol: return "unsupported Noise protocol";
    case errc::expired: return "expired or not yet valid";
    case errc::replayed: return "already used";
    case errc::unknown_step: return "no open step with this id";
    case errc::sequence_gap: return "message sequence gap";
    case errc::too_many_attempts: return "too many attempts";
    case errc::mismatch: return "values do not match";
    case errc::outbox_full: return "too many unacknowledged messages";
    case errc::channel_closed: return "channel closed";
  }
  return "unknown error";
}

std::string_view code_name(errc e) noexcept {
  switch (e) {
    case errc::truncated: return "truncated";
    case errc::oversized: return "oversized";
    case errc::trailing_data: return "trailing_data";
    case errc::bad_encoding: return "bad_encoding";
    case errc::bad_version: return "bad_version";
    case errc::bad_field: return "bad_field";
    case errc::bad_padding: return "bad_padding";
    case errc::auth_failed: return "auth_failed";
    case errc::bad_key: return "bad_key";
    case errc::nonce_exhausted: return "nonce_exhausted";
    case errc::bad_state: return "bad_state";
    case errc::unknown_protocol: return "unknown_protocol";
    case errc::expired: return "expired";
    case errc::replayed: return "replayed";
    case errc::unknown_step: return "unknown_step";
    case errc::sequence_gap: return "sequence_gap";
    case errc::too_many_attempts: return "too_many_attempts";
    case errc::mismatch: return "mismatch";
    case errc::outbox_full: return "outbox_full";
    case errc::channel_closed: return "channel_closed";
  }
  return "unknown";
}

}  // namespace bridgelink
