#pragma once
// The protocol layer's error values and a small result type (no exceptions on data paths).
#include <cassert>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace bridgelink {

enum class errc {
  truncated = 1,      // input ended early
  oversized,          // input longer than the limit
  trailing_data,      // bytes left after a complete item
  bad_encoding,       // not the canonical encoding we accept
  bad_version,        // protocol version we do not speak
  bad_field,          // a field is missing, duplicated, of the wrong type or out of range
  bad_padding,        // frame padding is not 64-byte aligned or not zero
  auth_failed,        // AEAD tag did not verify (wrong key, tampered, reordered or replayed)
  bad_key,            // DH produced the all-zero output (low-order point)
  nonce_exhausted,    // a cipher state used 2^64-1 nonces
  bad_state,          // operation not allowed in the current state
  unknown_protocol,   // unsupported Noise protocol name
  expired,            // a QR code or resume window is too old, or from the future
  replayed,           // a single-use item was used again
  unknown_step,       // a response for a step id that is not open
  sequence_gap,       // a reliable message skipped a sequence number
  too_many_attempts,  // the attempt limit has been reached
  mismatch,           // a compared value did not match
  outbox_full,        // too many messages wait for the peer's acknowledgement
  channel_closed,     // the channel ended after an error or a bye; make a new one
};

[[nodiscard]] std::string_view describe(errc e) noexcept;
/// The stable snake_case name ("bad_padding"), shared with the JS side's error codes.
[[nodiscard]] std::string_view code_name(errc e) noexcept;

/// A value or an error value of enum E. Checked access: value() on an error is a programming
/// error. The bridge reuses it with its own error enums (card, portal).
template <class T, class E>
class [[nodiscard]] basic_result {
 public:
  basic_result(T v) : v_(std::move(v)) {}  // NOLINT(google-explicit-constructor)
  basic_result(E e) : v_(e) {}             // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  [[nodiscard]] E error() const noexcept {
    assert(!ok());
    return std::get<1>(v_);
  }
  [[nodiscard]] T& value() & { return std::get<0>(v_); }
  [[nodiscard]] const T& value() const& { return std::get<0>(v_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, E> v_;
};

/// The same for a trivially copyable value (a count, a view, a pointer, ok_t): the value and one
/// word that is 0 or holds the error, so the result travels in registers and is built with whole
/// stores. std::variant's one-byte index is stored as a byte and returned as part of a word, a
/// store-forwarding stall on every call of the CBOR reader (perf annotate, bench B6).
template <class T, class E>
requires std::is_trivially_copyable_v<T> && std::is_default_constructible_v<T> && std::is_enum_v<E>
class [[nodiscard]] basic_result<T, E> {
  using code = std::make_unsigned_t<std::underlying_type_t<E>>;

 public:
  basic_result(T v) noexcept : v_(v) {}  // NOLINT(google-explicit-constructor)
  basic_result(E e) noexcept             // NOLINT(google-explicit-constructor)
      : err_(std::uint64_t{static_cast<code>(e)} << 1 | 1) {}
  [[nodiscard]] bool ok() const noexcept { return err_ == 0; }
  explicit operator bool() const noexcept { return ok(); }
  [[nodiscard]] E error() const noexcept {
    assert(!ok());
    return static_cast<E>(static_cast<code>(err_ >> 1));
  }
  [[nodiscard]] T& value() & { return check(), v_; }
  [[nodiscard]] const T& value() const& { return check(), v_; }
  [[nodiscard]] T&& value() && { return check(), std::move(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void check() const {
    if (!ok()) throw std::bad_variant_access();  // as std::get on the general form
  }
  [[no_unique_address]] T v_{};
  std::uint64_t err_ = 0;  // 0: a value; else the error's code << 1 | 1
};

template <class T>
using result = basic_result<T, errc>;

struct ok_t {};
using status = result<ok_t>;
inline constexpr ok_t ok_v{};

}  // namespace bridgelink
