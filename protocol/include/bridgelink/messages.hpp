#pragma once
// BridgeLink v1 typed messages. Wire form (inside a padded frame): the CBOR array
//   [type, seq, ack, body]
// where body is a map with small integer keys in ascending order (per type below).
// Every decoder bounds every field and returns an error value for anything else.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/limits.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink {

enum class message_type : std::uint8_t {
  hello = 1,          // phone -> bridge, inside handshake msg1
  ready = 2,          // bridge -> phone, inside handshake msg2
  step_request = 3,   // bridge -> phone: the person has to act
  step_response = 4,  // phone -> bridge: what the person entered
  ack = 5,            // either way: acknowledges seq numbers, carries no body
  ping = 6,           // either way: keeps the channel alive
  bye = 7,            // either way: orderly end
  error = 8,          // either way: the session ends with a reason code
};
[[nodiscard]] std::string_view to_string(message_type t) noexcept;

/// A step field value. Text and bytes live in wiping storage: fields carry PINs and SMS codes.
struct field_value {
  enum class kind : std::uint8_t { text, binary, number, boolean };
  kind type = kind::text;
  secret_bytes data;  // text (UTF-8) or bytes
  std::uint64_t number = 0;
  bool flag = false;

  [[nodiscard]] static field_value of_text(std::string_view s);
  [[nodiscard]] static field_value of_bytes(byte_view b);
  [[nodiscard]] static field_value of_number(std::uint64_t n);
  [[nodiscard]] static field_value of_bool(bool b);
  [[nodiscard]] std::string_view text() const noexcept {
    return {reinterpret_cast<const char*>(data.data()), data.size()};
  }
};

struct field {
  std::string key;  // [a-z0-9_], 1..32
  field_value value;
};
using fields = std::vector<field>;
[[nodiscard]] const field_value* find_field(const fields& f, std::string_view key) noexcept;

using step_id = std::array<std::uint8_t, limits::step_id_len>;

// The bodies and the message over how text and fields are held: owned here (std::string,
// fields: below), as views in message_view.hpp (std::string_view, field_views).
template <class Text>
struct basic_hello {  // {0: user agent, 1: page version, 2: language, 3: restart}
  Text user_agent;
  Text page_version;
  Text language;
  // Resume only: the phone lost its channel state (the page was reloaded), so both ends start a
  // fresh secure channel instead of resending their outboxes. False in pairing.
  bool restart = false;
};
template <class Text>
struct basic_ready {  // {0: bridge name, 1: flow}
  Text bridge_name;
  Text flow;
};
template <class Text, class Fields>
struct basic_step_request {  // {0: step id, 1: kind, 2: fields}
  step_id id{};
  Text kind;  // [a-z0-9_], 1..32
  Fields data;
};
template <class Fields>
struct basic_step_response {  // {0: step id, 1: fields}
  step_id id{};
  Fields data;
};
struct empty_body {};  // ack and ping: {}
template <class Text>
struct basic_bye {  // {0: reason}
  Text reason;
};
template <class Text>
struct basic_error {  // {0: code, 1: detail}
  std::uint64_t code = 0;
  Text detail;
};
template <class Text, class Fields>
using basic_body = std::variant<basic_hello<Text>, basic_ready<Text>, basic_step_request<Text, Fields>,
                                basic_step_response<Fields>, empty_body, basic_bye<Text>, basic_error<Text>>;
template <class Body>
struct basic_message {
  message_type type = message_type::ping;
  std::uint64_t seq = 0;  // 0 for ack/ping (not stored for resend), else 1, 2, ... per direction
  std::uint64_t ack = 0;  // highest seq received in order from the peer
  Body body = empty_body{};
};

using hello_body = basic_hello<std::string>;
using ready_body = basic_ready<std::string>;
using step_request_body = basic_step_request<std::string, fields>;
using step_response_body = basic_step_response<fields>;
using bye_body = basic_bye<std::string>;
using error_body = basic_error<std::string>;
using message_body = basic_body<std::string, fields>;
using message = basic_message<message_body>;

/// Serialises m (its body must match its type) into out, replacing out's content.
[[nodiscard]] status encode_message(const message& m, secret_bytes& out);
/// The padded plaintext of m (frame.hpp) built in one buffer: the length prefix, the body encoded
/// after it, the padding zeroed in place — what encode_message then pad_frame give, without the
/// intermediate copies.
[[nodiscard]] status encode_padded_message(const message& m, secret_bytes& out);
/// Parses one message; the whole input must be consumed.
[[nodiscard]] result<message> decode_message(byte_view in);

/// Message constructors that keep type and body together.
[[nodiscard]] message make_hello(hello_body b);
[[nodiscard]] message make_ready(ready_body b);
[[nodiscard]] message make_step_request(step_request_body b);
[[nodiscard]] message make_step_response(step_response_body b);
[[nodiscard]] message make_ack();
[[nodiscard]] message make_ping();
[[nodiscard]] message make_bye(std::string reason);
[[nodiscard]] message make_error(std::uint64_t code, std::string detail);

/// Whether messages of this type take a sequence number and are resent after a resume.
[[nodiscard]] bool is_reliable(message_type t) noexcept;

}  // namespace bridgelink
