// libFuzzer: padded frame decoding. An accepted frame must be exactly what pad_frame makes.
#include <cstdlib>

#include "bridgelink/frame.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bridgelink::byte_view in(data, size);
  if (auto body = bridgelink::unpad_frame(in)) {
    bridgelink::secret_bytes again;
    if (!bridgelink::pad_frame(*body, again)) std::abort();
    const auto v = again.view();
    if (v.size() != in.size() || !std::equal(v.begin(), v.end(), in.begin())) std::abort();
  }
  return 0;
}
