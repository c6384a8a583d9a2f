#pragma once
// The canonical CBOR subset BridgeLink uses (RFC 8949): unsigned ints, byte and text strings,
// arrays, maps, false/true. Definite lengths and shortest-form arguments only; no tags, floats,
// null or negative ints. The reader never allocates and bounds every length by what is left.
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#include "bridgelink/bytes.hpp"
#include "bridgelink/errors.hpp"
#include "bridgelink/secret.hpp"

namespace bridgelink::cbor {

enum class major : std::uint8_t { uint = 0, bytes = 2, text = 3, array = 4, map = 5, simple = 7 };

/// The head of an item (major type and argument, shortest form) into out; its length (1-9).
[[nodiscard]] std::size_t encode_head(major m, std::uint64_t arg, std::uint8_t (&out)[9]) noexcept;

/// Appends items to a wiping buffer (payloads may hold a PIN or an SMS code).
class writer {
 public:
  explicit writer(secret_bytes& out) : out_(out) {}
  void uint(std::uint64_t v) { head(major::uint, v); }
  void bytes(byte_view b);
  void text(std::string_view s);
  void array(std::size_t n) { head(major::array, n); }
  void map(std::size_t n) { head(major::map, n); }
  void boolean(bool b);

 private:
  void head(major m, std::uint64_t arg);
  secret_bytes& out_;
};

/// Writes items at a cursor into memory of a known size, and counts what it writes. Made
/// without memory it only counts; made with a capacity it writes what fits and counts the rest.
/// So an encoder runs once into memory that is probably big enough and, only when it was not,
/// once more into memory of exactly the size counted (messages.cpp builds each padded frame this
/// way). The first run is where an encoder checks what it writes (first_run()).
class span_writer {
 public:
  span_writer() = default;  // counts only
  span_writer(std::uint8_t* at, std::size_t capacity) noexcept : at_(at), cap_(capacity) {}
  /// The second run: memory of exactly the size the first one counted.
  explicit span_writer(std::uint8_t* at) noexcept : at_(at), cap_(unbounded) {}
  void uint(std::uint64_t v) noexcept { head(major::uint, v); }
  void bytes(byte_view b) noexcept {
    head(major::bytes, b.size());
    put(b.data(), b.size());
  }
  void text(std::string_view s) noexcept {
    head(major::text, s.size());
    put(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  }
  void array(std::size_t n) noexcept { head(major::array, n); }
  void map(std::size_t n) noexcept { head(major::map, n); }
  void boolean(bool b) noexcept { put_byte(b ? 0xf5 : 0xf4); }
  /// Items encoded before (a body kept for a resend), copied as they are.
  void encoded(byte_view items) noexcept { put(items.data(), items.size()); }
  [[nodiscard]] bool first_run() const noexcept { return cap_ != unbounded; }
  /// Whether everything counted so far was written.
  [[nodiscard]] bool fits() const noexcept { return n_ <= cap_; }
  /// Bytes written (or counted) so far.
  [[nodiscard]] std::size_t size() const noexcept { return n_; }

 private:
  void head(major m, std::uint64_t arg) noexcept {
    const auto mt = static_cast<std::uint8_t>(static_cast<std::uint8_t>(m) << 5);
    if (arg < 24) return put_byte(static_cast<std::uint8_t>(mt | arg));
    if (arg <= 0xff) {  // a length or a seq below 256: the other common case, inline too
      put_byte(static_cast<std::uint8_t>(mt | 24));
      return put_byte(static_cast<std::uint8_t>(arg));
    }
    std::uint8_t buf[9];
    put(buf, encode_head(m, arg, buf));
  }
  void put_byte(std::uint8_t b) noexcept {
    if (n_ < cap_) at_[n_] = b;
    ++n_;
  }
  void put(const std::uint8_t* p, std::size_t n) noexcept {
    if (n != 0 && n_ <= cap_ && n <= cap_ - n_) std::memcpy(at_ + n_, p, n);
    n_ += n;
  }
  static constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();
  std::uint8_t* at_ = nullptr;
  std::size_t cap_ = 0;  // writes stop here (0: counting only; unbounded: the second run)
  std::size_t n_ = 0;
};

[[nodiscard]] bool valid_utf8(std::string_view s) noexcept;

/// Reads items in place; the common short forms are decoded inline, the rest in cbor.cpp.
class reader {
 public:
  explicit reader(byte_view in) : in_(in) {}
  [[nodiscard]] result<major> peek() const;
  [[nodiscard]] result<std::uint64_t> uint() { return head(major::uint); }
  [[nodiscard]] result<byte_view> bytes(std::size_t max_len) { return span(major::bytes, max_len); }
  /// Text must be valid UTF-8.
  [[nodiscard]] result<std::string_view> text(std::size_t max_len) {
    const auto save = pos_;
    auto v = span(major::text, max_len);
    if (!v) return v.error();
    std::string_view s(reinterpret_cast<const char*>(v->data()), v->size());
    if (!valid_utf8(s)) {
      pos_ = save;
      return errc::bad_encoding;
    }
    return s;
  }
  [[nodiscard]] result<std::size_t> array(std::size_t max_items) { return count(major::array, max_items, 1); }
  [[nodiscard]] result<std::size_t> map(std::size_t max_items) { return count(major::map, max_items, 2); }
  [[nodiscard]] result<bool> boolean();
  [[nodiscard]] bool at_end() const noexcept { return pos_ == in_.size(); }
  [[nodiscard]] std::size_t remaining() const noexcept { return in_.size() - pos_; }

 private:
  /// The argument of an item of type `expected`.
  [[nodiscard]] result<std::uint64_t> head(major expected) {
    if (pos_ < in_.size()) {  // an argument below 24 is in the first byte
      const std::uint8_t ib = in_[pos_];
      if ((ib >> 5) == static_cast<std::uint8_t>(expected) && (ib & 31) < 24) {
        ++pos_;
        return std::uint64_t{ib & 31u};
      }
    }
    return long_head(expected);
  }
  [[nodiscard]] result<std::uint64_t> long_head(major expected);
  /// The payload of a byte or text string, bounded; the position is unchanged on failure.
  [[nodiscard]] result<byte_view> span(major m, std::size_t max_len) {
    const auto save = pos_;
    auto n = head(m);
    if (!n) return n.error();
    if (*n > max_len || *n > remaining()) {
      pos_ = save;
      return *n > max_len ? errc::oversized : errc::truncated;
    }
    byte_view v = in_.subspan(pos_, static_cast<std::size_t>(*n));
    pos_ += static_cast<std::size_t>(*n);
    return v;
  }
  /// The item count of an array or map, each item taking at least `item_bytes`.
  [[nodiscard]] result<std::size_t> count(major m, std::size_t max_items, std::size_t item_bytes) {
    auto n = head(m);
    if (!n) return n.error();
    if (*n > max_items) return errc::oversized;
    if (*n * item_bytes > remaining()) return errc::truncated;
    return static_cast<std::size_t>(*n);
  }
  byte_view in_;
  std::size_t pos_ = 0;
};

}  // namespace bridgelink::cbor
