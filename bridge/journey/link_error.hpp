#pragma once
// Why a phone link ended, as a value (not an English sentence to be classified by prefix): an
// error_code in the "bridgelink.link" category, its English message for logs, and the message the
// person reads ("link.<name>" in the catalogue).
#include <string_view>
#include <system_error>

#include "ui/message.hpp"

namespace eimza::journey {

enum class link_errc {
  relay_not_found = 1,  // the relay's name did not resolve
  relay_unreachable,    // no TCP connection to the relay
  relay_tls,            // the relay's certificate was not trusted, or TLS failed
  relay_refused,        // the relay refused the WebSocket (busy, origin, credential, down)
  bad_ticket,           // our own QR ticket was unusable (a defect)
  pairing_failed,       // the phone's handshake message did not verify
  already_paired,       // another phone paired first on this rotation
  phone_left,           // the phone closed its connection before pairing
  connection_lost,      // the connection dropped before pairing
  phone_not_back,       // after a drop, the phone did not resume in time
  resume_failed,        // resume handshakes failed (too often, or the channel had ended)
  channel_error,        // a message on the channel did not decrypt, parse or follow the sequence
  relay_proxy,          // the proxy between us and the relay refused the tunnel (credentials, policy)
};
BOOST_DESCRIBE_ENUM(link_errc, relay_not_found, relay_unreachable, relay_tls, relay_refused, bad_ticket,
                    pairing_failed, already_paired, phone_left, connection_lost, phone_not_back,
                    resume_failed, channel_error, relay_proxy)
constexpr std::string_view text_domain(link_errc) noexcept {
  return "link";
}

[[nodiscard]] const std::error_category& link_category() noexcept;
[[nodiscard]] std::error_code make_error_code(link_errc e) noexcept;
/// The relay itself failed (no phone involved yet): worth saying at once instead of waiting.
[[nodiscard]] bool is_relay_problem(std::error_code ec) noexcept;
/// What the person reads: the link error's message, or "the phone connection ended" for another
/// category; empty for no error.
[[nodiscard]] ui::message link_message(std::error_code ec);

}  // namespace eimza::journey

template <>
struct std::is_error_code_enum<eimza::journey::link_errc> : std::true_type {};
