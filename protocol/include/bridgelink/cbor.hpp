#pragma once
// The canonical CBOR subset BridgeLink uses (RFC 8949): unsigned ints, byte and text strings,
// arrays, maps, false/true. Definite lengths and shortest-form arguments only; no tags, floats,
// null or negative ints. The reader never allocates and bounds every length by what is left.
#include <cstdint>
#include <cstring>
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

/// Writes items at a cursor into memory sized beforehand; made without memory it only counts.
/// So an encoder runs twice, once to learn the size and once to write, with no growth and no
/// copies in between (messages.cpp builds each padded frame this way).
class span_writer {
 public:
  span_writer() = default;  // counts only
  explicit span_writer(std::uint8_t* at) noexcept : at_(at) {}
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
  /// Bytes written (or counted) so far.
  [[nodiscard]] std::size_t size() const noexcept { return n_; }

 private:
  void head(major m, std::uint64_t arg) noexcept {
    if (arg < 24) return put_byte(static_cast<std::uint8_t>(static_cast<std::uint8_t>(m) << 5 | arg));
    std::uint8_t buf[9];
    put(buf, encode_head(m, arg, buf));
  }
  void put_byte(std::uint8_t b) noexcept {
    if (at_) at_[n_] = b;
    ++n_;
  }
  void put(const std::uint8_t* p, std::size_t n) noexcept {
    if (at_ && n) std::memcpy(at_ + n_, p, n);
    n_ += n;
  }
  std::uint8_t* at_ = nullptr;
  std::size_t n_ = 0;
};

class reader {
 public:
  explicit reader(byte_view in) : in_(in) {}
  [[nodiscard]] result<major> peek() const;
  [[nodiscard]] result<std::uint64_t> uint();
  [[nodiscard]] result<byte_view> bytes(std::size_t max_len);
  /// Text must be valid UTF-8.
  [[nodiscard]] result<std::string_view> text(std::size_t max_len);
  [[nodiscard]] result<std::size_t> array(std::size_t max_items);
  [[nodiscard]] result<std::size_t> map(std::size_t max_items);
  [[nodiscard]] result<bool> boolean();
  [[nodiscard]] bool at_end() const noexcept { return pos_ == in_.size(); }
  [[nodiscard]] std::size_t remaining() const noexcept { return in_.size() - pos_; }

 private:
  [[nodiscard]] result<std::uint64_t> head(major expected);
  /// The payload of a byte or text string, bounded; the position is unchanged on failure.
  [[nodiscard]] result<byte_view> span(major m, std::size_t max_len);
  byte_view in_;
  std::size_t pos_ = 0;
};

[[nodiscard]] bool valid_utf8(std::string_view s) noexcept;

}  // namespace bridgelink::cbor
