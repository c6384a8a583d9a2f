#pragma once
// BridgeLink messages as views (issue #18): what secure_channel encodes straight into a frame
// from the sender's memory, and what it reads out of a decrypted frame without copying. A view
// owns nothing: what a sent view points to must live through send(); a received view lives as
// long as the secure_channel::received that holds it (its plaintext is wiped after). The owned
// messages of messages.hpp are encoded and decoded through these, so there is one encoder and
// one decoder.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

#include "bridgelink/bytes.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/limits.hpp"
#include "bridgelink/messages.hpp"

namespace bridgelink {

/// A step field value, seen where it lies.
struct value_view {
  field_value::kind type = field_value::kind::text;
  byte_view data;  // text (UTF-8) or bytes
  std::uint64_t number = 0;
  bool flag = false;

  [[nodiscard]] static value_view of_text(std::string_view s) noexcept {
    return {field_value::kind::text, as_bytes(s)};
  }
  [[nodiscard]] static value_view of_bytes(byte_view b) noexcept { return {field_value::kind::binary, b}; }
  [[nodiscard]] static value_view of_number(std::uint64_t n) noexcept {
    return {field_value::kind::number, {}, n};
  }
  [[nodiscard]] static value_view of_bool(bool b) noexcept { return {field_value::kind::boolean, {}, 0, b}; }
  [[nodiscard]] std::string_view text() const noexcept {
    return {reinterpret_cast<const char*>(data.data()), data.size()};
  }
};

struct field_view {
  std::string_view key;
  value_view value;
};
using field_views = std::span<const field_view>;
/// Room for the most fields a message may carry: where views of a message's fields are kept.
using field_view_storage = std::array<field_view, limits::fields_max>;
[[nodiscard]] const value_view* find_field(field_views f, std::string_view key) noexcept;

using hello_view = basic_hello<std::string_view>;
using ready_view = basic_ready<std::string_view>;
using step_request_view = basic_step_request<std::string_view, field_views>;
using step_response_view = basic_step_response<field_views>;
using bye_view = basic_bye<std::string_view>;
using error_view = basic_error<std::string_view>;
using body_view = basic_body<std::string_view, field_views>;
using message_view = basic_message<body_view>;

/// A view of m, its fields' views kept in storage. oversized when m has more fields than fit
/// (it could not be encoded either).
[[nodiscard]] result<message_view> view_of(const message& m, field_view_storage& storage);
/// An owned copy of m (values in wiping storage).
[[nodiscard]] message to_owned(const message_view& m);

/// Where an encoded message's body lies in its padded frame: what a resend needs besides the
/// message's type and seq (the ack is stamped again).
struct frame_layout {
  std::size_t body_at = 0;
  std::size_t body_size = 0;
};
/// m's padded plaintext (frame.hpp) encoded in place into out, replacing its content, with
/// `room` bytes reserved after it for the tag (noise::cipher_state::encrypt_in_place).
[[nodiscard]] result<frame_layout> encode_padded_message(const message_view& m, bytes& out, std::size_t room);
/// The same for a message whose body is already encoded (a resend): [type, seq, ack] written
/// in front of the body's bytes.
[[nodiscard]] status encode_padded_message(message_type type, std::uint64_t seq, std::uint64_t ack,
                                           byte_view encoded_body, bytes& out, std::size_t room);
/// Parses one message as views into `in`, its fields' views in storage; the whole input must be
/// consumed. out is unspecified after an error.
[[nodiscard]] status decode_message(byte_view in, message_view& out, field_view_storage& storage);

}  // namespace bridgelink
