#pragma once
// Containers for key material: wiped with sodium_memzero on destruction and on reassignment,
// compared in constant time, and deliberately not printable (no operator<<, no to_string).
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "bridgelink/bytes.hpp"

namespace bridgelink {

void secure_wipe(void* p, std::size_t n) noexcept;
/// Wipes b's bytes and empties it (its capacity stays).
inline void wipe_and_clear(bytes& b) noexcept {
  secure_wipe(b.data(), b.size());
  b.clear();
}
[[nodiscard]] bool constant_time_equal(byte_view a, byte_view b) noexcept;

/// Fixed-size secret (keys, chaining keys).
template <std::size_t N>
class secret_array {
 public:
  secret_array() { data_.fill(0); }
  explicit secret_array(byte_view src) {
    data_.fill(0);
    for (std::size_t i = 0; i < N && i < src.size(); ++i) data_[i] = src[i];
  }
  secret_array(const secret_array& o) : data_(o.data_) {}
  secret_array& operator=(const secret_array& o) {
    if (this != &o) data_ = o.data_;
    return *this;
  }
  ~secret_array() { secure_wipe(data_.data(), N); }

  [[nodiscard]] std::uint8_t* data() noexcept { return data_.data(); }
  [[nodiscard]] const std::uint8_t* data() const noexcept { return data_.data(); }
  [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
  [[nodiscard]] byte_view view() const noexcept { return {data_.data(), N}; }
  [[nodiscard]] bool operator==(const secret_array& o) const noexcept {
    return constant_time_equal(view(), o.view());
  }

 private:
  std::array<std::uint8_t, N> data_;
};

/// Variable-size secret (plaintexts that carry a PIN, an SMS code...).
class secret_bytes {
 public:
  secret_bytes() = default;
  explicit secret_bytes(byte_view src) : data_(src.begin(), src.end()) {}
  secret_bytes(const secret_bytes& o) = default;
  secret_bytes(secret_bytes&& o) noexcept : data_(std::move(o.data_)) { o.data_.clear(); }
  secret_bytes& operator=(const secret_bytes& o) {
    if (this != &o) {
      wipe();
      data_ = o.data_;
    }
    return *this;
  }
  secret_bytes& operator=(secret_bytes&& o) noexcept {
    if (this != &o) {
      wipe();
      data_ = std::move(o.data_);
      o.data_.clear();
    }
    return *this;
  }
  ~secret_bytes() { wipe(); }

  void wipe() noexcept { wipe_and_clear(data_); }
  /// Keeps the first n bytes; the rest is wiped (the capacity stays).
  void truncate(std::size_t n) noexcept {
    if (n >= data_.size()) return;
    secure_wipe(data_.data() + n, data_.size() - n);
    data_.resize(n);
  }
  /// Growing never leaves an unwiped copy behind: a reallocation moves through reserve_wiped().
  void resize(std::size_t n) {
    reserve_wiped(n);
    data_.resize(n);
  }
  /// Room for n bytes without moving (what is there is moved once, wiped behind).
  void reserve(std::size_t n) { reserve_wiped(n); }
  void append(byte_view b) {
    reserve_wiped(data_.size() + b.size());
    data_.insert(data_.end(), b.begin(), b.end());
  }
  [[nodiscard]] std::uint8_t* data() noexcept { return data_.data(); }
  [[nodiscard]] const std::uint8_t* data() const noexcept { return data_.data(); }
  [[nodiscard]] std::size_t size() const noexcept { return data_.size(); }
  [[nodiscard]] std::size_t capacity() const noexcept { return data_.capacity(); }
  [[nodiscard]] bool empty() const noexcept { return data_.empty(); }
  [[nodiscard]] byte_view view() const noexcept { return {data_.data(), data_.size()}; }

 private:
  void reserve_wiped(std::size_t n) {
    if (n <= data_.capacity()) return;
    std::vector<std::uint8_t> bigger;
    bigger.reserve(n > 2 * data_.capacity() ? n : 2 * data_.capacity());
    bigger.assign(data_.begin(), data_.end());
    wipe();
    data_ = std::move(bigger);
  }
  bytes data_;
};
inline void wipe_and_clear(secret_bytes& b) noexcept {
  b.wipe();
}

}  // namespace bridgelink
