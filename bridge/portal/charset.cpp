#include "portal/charset.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace eimza::portal {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return out;
}

std::string iconv_name(std::string_view encoding) {
  if (encoding == "windows-1254") return "CP1254";
  if (encoding == "windows-1252") return "CP1252";
  return "UTF-8";
}

// The value after "charset=" in s (a Content-Type or a meta content), or "".
std::string charset_param(std::string_view s) {
  const std::string l = lower(s);
  const auto at = l.find("charset");
  if (at == std::string::npos) return {};
  auto p = l.find_first_not_of(" \t", at + 7);
  if (p == std::string::npos || l[p] != '=') return {};
  p = l.find_first_not_of(" \t\"'", p + 1);
  if (p == std::string::npos) return {};
  const auto end = l.find_first_of(" \t\"';,>/", p);
  return l.substr(p, end == std::string::npos ? std::string::npos : end - p);
}

// Runs iconv over in; on a byte sequence it cannot convert calls bad(in, out) which consumes it.
template <class Bad>
bridgelink::secret_bytes convert(bridgelink::byte_view in, const std::string& from, const std::string& to,
                                 Bad bad) {
  bridgelink::secret_bytes out;
  iconv_t cd = iconv_open(to.c_str(), from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return bridgelink::secret_bytes(in);
  auto* src = const_cast<char*>(reinterpret_cast<const char*>(in.data()));
  std::size_t src_left = in.size();
  char buf[512];
  while (src_left > 0) {
    char* dst = buf;
    std::size_t dst_left = sizeof buf;
    const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(bridgelink::byte_view(reinterpret_cast<std::uint8_t*>(buf), sizeof buf - dst_left));
    if (rc == static_cast<std::size_t>(-1) && errno != E2BIG) {
      const std::size_t used =
          bad(bridgelink::byte_view(reinterpret_cast<std::uint8_t*>(src), src_left), out);
      src += used;
      src_left -= used;
    }
  }
  bridgelink::secure_wipe(buf, sizeof buf);
  iconv_close(cd);
  return out;
}

}  // namespace

std::string encoding_for_label(std::string_view label) {
  const std::string l = lower(label);
  if (l == "windows-1254" || l == "cp1254" || l == "x-cp1254" || l == "iso-8859-9" || l == "iso8859-9" ||
      l == "iso_8859-9" || l == "latin5" || l == "l5" || l == "iso-ir-148" || l == "csisolatin5")
    return "windows-1254";
  if (l == "windows-1252" || l == "cp1252" || l == "iso-8859-1" || l == "latin1" || l == "us-ascii" ||
      l == "ascii")
    return "windows-1252";
  return "utf-8";
}

std::string page_charset(std::string_view content_type, bridgelink::byte_view body) {
  if (auto c = charset_param(content_type); !c.empty()) return encoding_for_label(c);
  // The prescan, simplified: the first meta that names a charset in the first 1024 bytes.
  const std::string head = lower(
      std::string_view(reinterpret_cast<const char*>(body.data()), std::min<std::size_t>(body.size(), 1024)));
  for (auto pos = head.find("<meta"); pos != std::string::npos; pos = head.find("<meta", pos + 5)) {
    const auto end = head.find('>', pos);
    if (auto c = charset_param(head.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
        !c.empty())
      return encoding_for_label(c);
  }
  return "utf-8";
}

bridgelink::secret_bytes to_utf8(bridgelink::byte_view body, std::string_view charset) {
  const std::string from = iconv_name(encoding_for_label(charset));
  if (from == "UTF-8") return bridgelink::secret_bytes(body);
  return convert(body, from, "UTF-8", [](bridgelink::byte_view, bridgelink::secret_bytes& out) {
    out.append(bridgelink::as_bytes("\xEF\xBF\xBD"));
    return std::size_t{1};
  });
}

bridgelink::secret_bytes from_utf8(bridgelink::byte_view text, std::string_view charset) {
  const std::string to = iconv_name(encoding_for_label(charset));
  if (to == "UTF-8") return bridgelink::secret_bytes(text);
  return convert(text, "UTF-8", to, [](bridgelink::byte_view rest, bridgelink::secret_bytes& out) {
    // One UTF-8 character the charset lacks: its numeric reference.
    const std::uint8_t c = rest[0];
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    n = std::min(n, rest.size());
    std::uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t i = 1; i < n; ++i) cp = cp << 6 | (rest[i] & 0x3F);
    out.append(bridgelink::as_bytes("&#" + std::to_string(cp) + ";"));
    return n;
  });
}

}  // namespace eimza::portal
