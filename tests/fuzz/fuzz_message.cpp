// libFuzzer: typed message parsing. An accepted message must re-encode to the same bytes.
#include <cstdlib>

#include "bridgelink/messages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bridgelink::byte_view in(data, size);
  if (auto m = bridgelink::decode_message(in)) {
    bridgelink::secret_bytes again;
    if (!bridgelink::encode_message(*m, again)) std::abort();
    const auto v = again.view();
    if (v.size() != in.size() || !std::equal(v.begin(), v.end(), in.begin())) std::abort();
  }
  return 0;
}
