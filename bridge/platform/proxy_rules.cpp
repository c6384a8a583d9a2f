#include "platform/proxy_rules.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace eimza::platform {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::vector<std::string_view> split_any(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < s.size()) {
    const auto end = std::min(s.find_first_of(seps, at), s.size());
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// '*' matches any run of characters; everything else itself (both already lower case).
bool wildcard(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t skip = 0; skip <= text.size(); ++skip)
      if (wildcard(pattern.substr(1), text.substr(skip))) return true;
    return false;
  }
  return !text.empty() && pattern.front() == text.front() && wildcard(pattern.substr(1), text.substr(1));
}

bool bypassed(std::string_view bypass, const url_parts& u) {
  for (auto entry : split_any(bypass, "; ,\t\r\n")) {
    auto e = lower(entry);
    if (e == "<local>") {
      if (u.host.find('.') == std::string::npos && u.host.find(':') == std::string::npos) return true;
      continue;
    }
    if (const auto scheme_end = e.find("://"); scheme_end != std::string::npos) {
      if (e.substr(0, scheme_end) != u.scheme) continue;
      e.erase(0, scheme_end + 3);
    }
    if (wildcard(e, u.host) || wildcard(e, u.host + ":" + u.port)) return true;
  }
  return false;
}

}  // namespace

url_parts split_url(std::string_view url) {
  url_parts u;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return u;
  u.scheme = lower(url.substr(0, scheme_end));
  auto authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return u;
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port = authority.substr(close + 2);
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  u.host = lower(host);
  u.port = port.empty() ? (u.scheme == "https" ? "443" : u.scheme == "http" ? "80" : "") : std::string(port);
  return u;
}

std::string pick_proxy(std::string_view proxy_list, std::string_view bypass, std::string_view url) {
  const auto u = split_url(url);
  if (u.host.empty() || bypassed(bypass, u)) return {};
  std::string for_scheme, for_all;
  for (auto entry : split_any(proxy_list, "; \t\r\n")) {
    if (const auto eq = entry.find('='); eq != std::string_view::npos) {
      if (for_scheme.empty() && lower(entry.substr(0, eq)) == u.scheme) for_scheme = entry.substr(eq + 1);
    } else if (for_all.empty()) {
      for_all = entry;
    }
  }
  std::string chosen = !for_scheme.empty() ? for_scheme : for_all;
  if (chosen.empty()) return {};
  if (chosen.find("://") == std::string::npos) chosen = "http://" + chosen;
  return chosen;
}

namespace {

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

bool parse_proxy(std::string_view text, proxy_address& out) {
  out = {};
  if (const auto scheme_end = text.find("://"); scheme_end != std::string_view::npos) {
    if (lower(text.substr(0, scheme_end)) != "http") return false;
    text.remove_prefix(scheme_end + 3);
  }
  text = text.substr(0, text.find_first_of("/?#"));
  if (const auto at = text.rfind('@'); at != std::string_view::npos) {
    const auto credentials = text.substr(0, at);
    const auto colon = credentials.find(':');
    out.user = percent_decoded(credentials.substr(0, colon));
    if (colon != std::string_view::npos) out.password = percent_decoded(credentials.substr(colon + 1));
    text.remove_prefix(at + 1);
  }
  const auto u = split_url("http://" + std::string(text));
  if (u.host.empty()) return false;
  out.host = u.host;
  const bool port_given = text.find(':', text.rfind(']') == std::string_view::npos ? 0 : text.rfind(']')) !=
                          std::string_view::npos;
  out.port = port_given ? u.port : "1080";
  return !out.port.empty() &&
         std::all_of(out.port.begin(), out.port.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

bool no_proxy_matches(std::string_view no_proxy, std::string_view host) {
  const auto h = lower(host);
  for (auto entry : split_any(no_proxy, ", \t")) {
    auto e = lower(entry);
    if (e == "*") return true;
    if (!e.empty() && e.front() == '.') e.erase(0, 1);
    if (h == e || (h.size() > e.size() && h.compare(h.size() - e.size(), e.size(), e) == 0 &&
                   h[h.size() - e.size() - 1] == '.'))
      return true;
  }
  return false;
}

}  // namespace eimza::platform
