#include "portal/image_check.hpp"

#include <sodium.h>

#include <algorithm>

namespace eimza::portal {
namespace {

int be16(bridgelink::byte_view b, std::size_t at) {
  return b[at] << 8 | b[at + 1];
}
int le16(bridgelink::byte_view b, std::size_t at) {
  return b[at] | b[at + 1] << 8;
}
long be32(bridgelink::byte_view b, std::size_t at) {
  return static_cast<long>(b[at]) << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3];
}

bool starts(bridgelink::byte_view b, std::string_view magic) {
  return b.size() >= magic.size() &&
         std::equal(magic.begin(), magic.end(), b.begin(),
                    [](char m, std::uint8_t x) { return static_cast<std::uint8_t>(m) == x; });
}

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<image_facts> sniff_image(bridgelink::byte_view b) {
  image_facts f;
  if (starts(b, "\x89PNG\r\n\x1a\n")) {
    f.mime = "image/png";
    if (b.size() >= 24) {
      f.width = static_cast<int>(std::min(be32(b, 16), 1L << 20));
      f.height = static_cast<int>(std::min(be32(b, 20), 1L << 20));
    }
    return f;
  }
  if (starts(b, "GIF87a") || starts(b, "GIF89a")) {
    f.mime = "image/gif";
    if (b.size() >= 10) f.width = le16(b, 6), f.height = le16(b, 8);
    return f;
  }
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
    f.mime = "image/jpeg";
    // The first start-of-frame marker holds the size.
    std::size_t i = 2;
    for (int markers = 0; i + 9 < b.size() && markers < 256; ++markers) {
      if (b[i] != 0xFF) break;
      const std::uint8_t m = b[i + 1];
      if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
        f.height = be16(b, i + 5);
        f.width = be16(b, i + 7);
        break;
      }
      i += 2 + static_cast<std::size_t>(be16(b, i + 2));
    }
    return f;
  }
  if (starts(b, "RIFF") && b.size() >= 12 && starts(b.subspan(8), "WEBP")) {
    f.mime = "image/webp";
    return f;
  }
  if (starts(b, "BM") && b.size() >= 26) {
    f.mime = "image/bmp";
    f.width = static_cast<int>(std::min(
        std::abs(static_cast<long>(static_cast<std::int32_t>(b[18] | b[19] << 8 | b[20] << 16 |
                                                             static_cast<std::uint32_t>(b[21]) << 24))),
        1L << 20));
    f.height = static_cast<int>(std::min(
        std::abs(static_cast<long>(static_cast<std::int32_t>(b[22] | b[23] << 8 | b[24] << 16 |
                                                             static_cast<std::uint32_t>(b[25]) << 24))),
        1L << 20));
    return f;
  }
  return std::nullopt;
}

std::optional<bridgelink::bytes> decode_data_uri(std::string_view uri) {
  if (uri.size() < 5 || uri.substr(0, 5) != "data:" || uri.size() > 4 * 1024 * 1024) return std::nullopt;
  const auto comma = uri.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  const auto meta = uri.substr(5, comma - 5);
  const auto payload = uri.substr(comma + 1);
  bridgelink::bytes out;
  if (meta.size() >= 7 && meta.substr(meta.size() - 7) == ";base64") {
    out.resize(payload.size() * 3 / 4 + 3);
    std::size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), payload.data(), payload.size(), " \t\r\n", &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
      return std::nullopt;
    out.resize(len);
  } else {
    for (std::size_t i = 0; i < payload.size(); ++i) {
      if (payload[i] == '%' && i + 2 < payload.size() && hexval(payload[i + 1]) >= 0 &&
          hexval(payload[i + 2]) >= 0) {
        out.push_back(static_cast<std::uint8_t>(hexval(payload[i + 1]) * 16 + hexval(payload[i + 2])));
        i += 2;
      } else {
        out.push_back(static_cast<std::uint8_t>(payload[i]));
      }
    }
  }
  if (out.size() > 1024 * 1024) return std::nullopt;
  return out;
}

bool plausible_captcha(const image_facts& f) noexcept {
  if (f.width >= 0 && (f.width < 40 || f.width > 2000)) return false;
  if (f.height >= 0 && (f.height < 15 || f.height > 1000)) return false;
  return true;
}

}  // namespace eimza::portal
