#include "portal/charset.hpp"

#ifdef _WIN32
#include <windows.h>

#include <array>
#else
#include <iconv.h>
#endif

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

#ifdef _WIN32
// Windows has no iconv: the two single-byte code pages we decode are tables the system fills in
// (MultiByteToWideChar, one byte at a time; a byte it does not define is U+FFFD), used both ways.
using byte_table = std::array<std::uint32_t, 256>;

const byte_table& table_for(const std::string& name) {
  static const auto make = [](UINT cp) {
    byte_table t{};
    for (int b = 0; b < 256; ++b) {
      const char in = static_cast<char>(b);
      wchar_t out[2] = {};
      t[static_cast<std::size_t>(b)] =
          MultiByteToWideChar(cp, MB_ERR_INVALID_CHARS, &in, 1, out, 2) == 1 ? out[0] : 0xFFFD;
    }
    return t;
  };
  static const byte_table cp1254 = make(1254), cp1252 = make(1252);
  return name == "CP1254" ? cp1254 : cp1252;
}

void append_utf8(bridgelink::secret_bytes& out, std::uint32_t cp) {
  std::uint8_t b[4];
  std::size_t n = 0;
  if (cp < 0x80) {
    b[n++] = static_cast<std::uint8_t>(cp);
  } else if (cp < 0x800) {
    b[n++] = static_cast<std::uint8_t>(0xC0 | cp >> 6);
    b[n++] = static_cast<std::uint8_t>(0x80 | (cp & 0x3F));
  } else {
    b[n++] = static_cast<std::uint8_t>(0xE0 | cp >> 12);
    b[n++] = static_cast<std::uint8_t>(0x80 | (cp >> 6 & 0x3F));
    b[n++] = static_cast<std::uint8_t>(0x80 | (cp & 0x3F));
  }
  out.append(bridgelink::byte_view(b, n));
}

bridgelink::secret_bytes decode_table(bridgelink::byte_view in, const std::string& from) {
  const auto& t = table_for(from);
  bridgelink::secret_bytes out;
  for (auto b : in) append_utf8(out, t[b]);
  return out;
}

// UTF-8 in, one byte per character the table has; `missing` for the others (and consumes them).
template <class Missing>
bridgelink::secret_bytes encode_table(bridgelink::byte_view in, const std::string& to, Missing missing) {
  const auto& t = table_for(to);
  bridgelink::secret_bytes out;
  std::size_t i = 0;
  while (i < in.size()) {
    const std::uint8_t c = in[i];
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    n = std::min(n, in.size() - i);
    std::uint32_t cp = n == 1 ? c : c & (0xFFu >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) cp = cp << 6 | (in[i + k] & 0x3Fu);
    const auto* hit = cp == 0xFFFD ? t.end() : std::find(t.begin(), t.end(), cp);
    if (hit != t.end()) {
      const auto byte = static_cast<std::uint8_t>(hit - t.begin());
      out.append(bridgelink::byte_view(&byte, 1));
      i += n;
    } else {
      i += missing(in.subspan(i), out);
    }
  }
  return out;
}
#else
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
#endif

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
#ifdef _WIN32
  return decode_table(body, from);
#else
  return convert(body, from, "UTF-8", [](bridgelink::byte_view, bridgelink::secret_bytes& out) {
    out.append(bridgelink::as_bytes("\xEF\xBF\xBD"));
    return std::size_t{1};
  });
#endif
}

bridgelink::secret_bytes from_utf8(bridgelink::byte_view text, std::string_view charset) {
  const std::string to = iconv_name(encoding_for_label(charset));
  if (to == "UTF-8") return bridgelink::secret_bytes(text);
  const auto reference = [](bridgelink::byte_view rest, bridgelink::secret_bytes& out) {
    // One UTF-8 character the charset lacks: its numeric reference.
    const std::uint8_t c = rest[0];
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    n = std::min(n, rest.size());
    std::uint32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (std::size_t i = 1; i < n; ++i) cp = cp << 6 | (rest[i] & 0x3F);
    out.append(bridgelink::as_bytes("&#" + std::to_string(cp) + ";"));
    return n;
  };
#ifdef _WIN32
  return encode_table(text, to, reference);
#else
  return convert(text, "UTF-8", to, reference);
#endif
}

}  // namespace eimza::portal
