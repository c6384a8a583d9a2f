#pragma once
// Bridge side: the person types the 6 digits the phone shows. Constant-time compare, at most
// limits::sas_attempts_max tries, then the pairing is aborted.
#include <string>
#include <string_view>

#include "bridgelink/secret.hpp"

namespace bridgelink {

class sas_verifier {
 public:
  enum class outcome { accepted, wrong, locked, malformed };
  explicit sas_verifier(std::string_view expected);
  ~sas_verifier();
  sas_verifier(const sas_verifier&) = delete;
  sas_verifier& operator=(const sas_verifier&) = delete;

  /// Spaces and dashes in the typed text are ignored; anything else that is not 6 digits is
  /// malformed and costs no attempt.
  [[nodiscard]] outcome check(std::string_view typed);
  [[nodiscard]] int attempts_left() const noexcept { return left_; }
  [[nodiscard]] bool accepted() const noexcept { return accepted_; }

 private:
  std::string expected_;
  int left_;
  bool accepted_ = false;
};

}  // namespace bridgelink
