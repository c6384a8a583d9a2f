#include "bridgelink/sas_verifier.hpp"

#include "bridgelink/limits.hpp"

namespace bridgelink {

sas_verifier::sas_verifier(std::string_view expected)
    : expected_(expected), left_(limits::sas_attempts_max) {}

sas_verifier::~sas_verifier() {
  if (!expected_.empty()) secure_wipe(expected_.data(), expected_.size());
}

sas_verifier::outcome sas_verifier::check(std::string_view typed) {
  if (accepted_) return outcome::accepted;
  if (left_ <= 0) return outcome::locked;
  std::string digits;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9' || digits.size() >= static_cast<std::size_t>(limits::sas_digits))
      return outcome::malformed;
    digits.push_back(c);
  }
  if (digits.size() != static_cast<std::size_t>(limits::sas_digits)) return outcome::malformed;
  if (constant_time_equal(as_bytes(digits), as_bytes(expected_))) {
    accepted_ = true;
    return outcome::accepted;
  }
  --left_;
  return left_ > 0 ? outcome::wrong : outcome::locked;
}

}  // namespace bridgelink
