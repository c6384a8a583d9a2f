// The parts of the HTTP transport that do not need libcurl: form encoding and relative URLs
// (used by portal_session in the bridge and by the libcurl client in its module).
#include "portal/http_client.hpp"

namespace eimza::portal {

bridgelink::secret_bytes form_encode(const std::vector<form_value>& form) {
  bridgelink::secret_bytes out;
  auto put = [&](bridgelink::byte_view v) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (auto c : v) {
      const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         c == '-' || c == '_' || c == '.' || c == '~';
      if (plain) {
        out.append(bridgelink::byte_view(&c, 1));
      } else {
        const std::uint8_t enc[3] = {'%', static_cast<std::uint8_t>(hex[c >> 4]),
                                     static_cast<std::uint8_t>(hex[c & 15])};
        out.append(bridgelink::byte_view(enc, 3));
      }
    }
  };
  for (std::size_t i = 0; i < form.size(); ++i) {
    if (i) out.append(bridgelink::as_bytes("&"));
    put(bridgelink::as_bytes(form[i].name));
    out.append(bridgelink::as_bytes("="));
    put(form[i].value.view());
  }
  return out;
}

std::string resolve_url(const std::string& base, const std::string& href) {
  if (href.rfind("https://", 0) == 0 || href.rfind("http://", 0) == 0) return href;
  const auto scheme_end = base.find("://");
  if (scheme_end == std::string::npos) return href;
  const auto path_start = base.find('/', scheme_end + 3);
  const std::string origin = path_start == std::string::npos ? base : base.substr(0, path_start);
  if (href.empty()) return base;
  if (href[0] == '/') return origin + href;
  std::string path = path_start == std::string::npos ? "/" : base.substr(path_start);
  if (href[0] == '?') return origin + path.substr(0, path.find('?')) + href;
  path = path.substr(0, path.find('?'));
  return origin + path.substr(0, path.rfind('/') + 1) + href;
}

}  // namespace eimza::portal
