#pragma once
// Secret bytes to and from text, for tests that compare what a form or page holds.
#include <string>
#include <string_view>

#include "bridgelink/secret.hpp"

namespace eimza::test {

inline std::string text(const bridgelink::secret_bytes& s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}
inline bridgelink::secret_bytes secret(std::string_view s) {
  return bridgelink::secret_bytes(bridgelink::as_bytes(s));
}

}  // namespace eimza::test
