// libFuzzer: QR payload and URL fragment decoding. Anything accepted must re-encode to the
// same bytes (one encoding per payload); nothing may crash, leak or read out of bounds.
#include <cstdlib>
#include <string_view>

#include "bridgelink/qr_payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bridgelink::byte_view in(data, size);
  if (auto p = bridgelink::decode_qr_payload(in)) {
    auto again = bridgelink::encode_qr_payload(*p);
    if (!again || *again != bridgelink::bytes(in.begin(), in.end())) std::abort();
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto b = bridgelink::payload_from_fragment(text)) {
    if (bridgelink::to_base64url(*b) !=
        text.substr(text.find('#') == std::string_view::npos ? 0 : text.find('#') + 1))
      std::abort();
  }
  return 0;
}
