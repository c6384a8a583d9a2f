#include "relay/relay_path.hpp"

namespace eimza::relay {
namespace {

bool valid_channel(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Static paths: [A-Za-z0-9._-/], no "..", no empty segments, no leading dot segment.
bool safe_file(std::string_view p) {
  if (p.empty() || p.size() > 256 || p.front() == '/' || p.back() == '/') return false;
  std::size_t seg_start = 0;
  for (std::size_t i = 0; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '/') {
      const auto seg = p.substr(seg_start, i - seg_start);
      if (seg.empty() || seg.front() == '.') return false;
      seg_start = i + 1;
      continue;
    }
    const char c = p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '-' || c == '_'))
      return false;
  }
  return true;
}

int hex_digit(char c) {
  return c <= '9' ? c - '0' : c - 'a' + 10;  // valid_channel() has checked it
}

}  // namespace

std::string to_hex(const channel_id& id) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * id.size());
  for (auto b : id) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

parsed_target parse_target(std::string_view target) {
  parsed_target t;
  if (target.empty() || target.size() > target_max || target.front() != '/') return t;
  const auto q = target.find_first_of("?#");
  const std::string_view path = target.substr(0, q);
  constexpr std::string_view new_prefix = "/v1/new/", connect_prefix = "/v1/connect/";
  if (path.substr(0, new_prefix.size()) == new_prefix ||
      path.substr(0, connect_prefix.size()) == connect_prefix) {
    const bool is_new = path.substr(0, new_prefix.size()) == new_prefix;
    const auto id = path.substr(is_new ? new_prefix.size() : connect_prefix.size());
    if (!valid_channel(id)) {
      t.kind = target_kind::bad_channel;
      return t;
    }
    t.kind = target_kind::channel;
    t.role = is_new ? peer_role::bridge : peer_role::phone;
    for (std::size_t i = 0; i < t.channel.size(); ++i)
      t.channel[i] = static_cast<std::uint8_t>(hex_digit(id[2 * i]) << 4 | hex_digit(id[2 * i + 1]));
    return t;
  }
  if (path == "/metrics") {
    t.kind = target_kind::metrics;
    return t;
  }
  if (path == "/healthz") {
    t.kind = target_kind::health;
    return t;
  }
  // The pairing URL is /c#<payload>: the fragment never reaches us; serve the page.
  if (path == "/" || path == "/c" || path == "/c/") {
    t.kind = target_kind::static_file;
    t.file = "index.html";
    return t;
  }
  if (safe_file(path.substr(1))) {
    t.kind = target_kind::static_file;
    t.file = std::string(path.substr(1));
  }
  return t;
}

}  // namespace eimza::relay
