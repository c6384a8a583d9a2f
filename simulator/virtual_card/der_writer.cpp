#include "virtual_card/der_writer.hpp"

#include <openssl/asn1.h>
#include <openssl/objects.h>

#include <stdexcept>
#include <string>

namespace eimza::sim::der {

void append(bridgelink::bytes& out, std::uint8_t tag, bridgelink::byte_view value) {
  const std::size_t n = value.size();
  if (n > 0xFFFF) throw std::invalid_argument("DER value too long for the fixture writer");
  out.push_back(tag);
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else if (n <= 0xFF) {
    out.push_back(0x81);
    out.push_back(static_cast<std::uint8_t>(n));
  } else {
    out.push_back(0x82);
    out.push_back(static_cast<std::uint8_t>(n >> 8));
    out.push_back(static_cast<std::uint8_t>(n));
  }
  out.insert(out.end(), value.begin(), value.end());
}

bridgelink::bytes tlv(std::uint8_t tag, bridgelink::byte_view value) {
  bridgelink::bytes out;
  append(out, tag, value);
  return out;
}

bridgelink::bytes oid(std::string_view dotted) {
  ASN1_OBJECT* o = OBJ_txt2obj(std::string(dotted).c_str(), 1);
  if (!o) throw std::invalid_argument("bad OID " + std::string(dotted));
  unsigned char* buf = nullptr;
  const int n = i2d_ASN1_OBJECT(o, &buf);
  ASN1_OBJECT_free(o);
  if (n <= 0) throw std::invalid_argument("bad OID " + std::string(dotted));
  bridgelink::bytes out(buf, buf + n);
  OPENSSL_free(buf);
  return out;
}

bridgelink::bytes small_integer(std::uint32_t v) {
  bridgelink::bytes value;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const auto b = static_cast<std::uint8_t>(v >> shift);
    if (value.empty() && b == 0 && shift > 0) continue;
    if (value.empty() && (b & 0x80)) value.push_back(0);
    value.push_back(b);
  }
  return tlv(0x02, value);
}

}  // namespace eimza::sim::der
