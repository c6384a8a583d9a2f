// The handshake pattern table of the Noise spec rev 34 (sections 7.4 and 7.5) and the pskN modifier.
#include <cctype>
#include <string>

#include "bridgelink/noise.hpp"

namespace bridgelink::noise {
namespace {

struct pattern_text {
  std::string_view name;
  // "pre-initiator|pre-responder|msg;msg;..." where each message starts with '>' (initiator) or '<'.
  std::string_view text;
};

// Facts transcribed from the Noise specification's pattern listings.
constexpr pattern_text table[] = {
    {"N", "|s|>e,es"},
    {"K", "s|s|>e,es,ss"},
    {"X", "|s|>e,es,s,ss"},
    {"NN", "||>e;<e,ee"},
    {"NK", "|s|>e,es;<e,ee"},
    {"NX", "||>e;<e,ee,s,es"},
    {"KN", "s||>e;<e,ee,se"},
    {"KK", "s|s|>e,es,ss;<e,ee,se"},
    {"KX", "s||>e;<e,ee,se,s,es"},
    {"XN", "||>e;<e,ee;>s,se"},
    {"XK", "|s|>e,es;<e,ee;>s,se"},
    {"XX", "||>e;<e,ee,s,es;>s,se"},
    {"IN", "||>e,s;<e,ee,se"},
    {"IK", "|s|>e,es,s,ss;<e,ee,se"},
    {"IX", "||>e,s;<e,ee,se,s,es"},
    {"NK1", "|s|>e;<e,ee,es"},
    {"NX1", "||>e;<e,ee,s;>es"},
    {"X1N", "||>e;<e,ee;>s;<se"},
    {"X1K", "|s|>e,es;<e,ee;>s;<se"},
    {"XK1", "|s|>e;<e,ee,es;>s,se"},
    {"X1K1", "|s|>e;<e,ee,es;>s;<se"},
    {"X1X", "||>e;<e,ee,s,es;>s;<se"},
    {"XX1", "||>e;<e,ee,s;>es,s,se"},
    {"X1X1", "||>e;<e,ee,s;>es,s;<se"},
    {"K1N", "s||>e;<e,ee;>se"},
    {"K1K", "s|s|>e,es;<e,ee;>se"},
    {"KK1", "s|s|>e;<e,ee,se,es"},
    {"K1K1", "s|s|>e;<e,ee,es;>se"},
    {"K1X", "s||>e;<e,ee,s,es;>se"},
    {"KX1", "s||>e;<e,ee,se,s;>es"},
    {"K1X1", "s||>e;<e,ee,s;>se,es"},
    {"I1N", "||>e,s;<e,ee;>se"},
    {"I1K", "|s|>e,es,s;<e,ee;>se"},
    {"IK1", "|s|>e,s;<e,ee,se,es"},
    {"I1K1", "|s|>e,s;<e,ee,es;>se"},
    {"I1X", "||>e,s;<e,ee,s,es;>se"},
    {"IX1", "||>e,s;<e,ee,se,s;>es"},
    {"I1X1", "||>e,s;<e,ee,s;>se,es"},
};

token parse_token(std::string_view t) {
  if (t == "e") return token::e;
  if (t == "s") return token::s;
  if (t == "ee") return token::ee;
  if (t == "es") return token::es;
  if (t == "se") return token::se;
  if (t == "ss") return token::ss;
  return token::psk;
}

std::vector<token> parse_tokens(std::string_view list) {
  std::vector<token> out;
  while (!list.empty()) {
    auto comma = list.find(',');
    out.push_back(parse_token(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

handshake_pattern expand(const pattern_text& p) {
  handshake_pattern hp;
  hp.name = std::string(p.name);
  auto text = p.text;
  auto bar1 = text.find('|');
  auto bar2 = text.find('|', bar1 + 1);
  hp.initiator_premessage = parse_tokens(text.substr(0, bar1));
  hp.responder_premessage = parse_tokens(text.substr(bar1 + 1, bar2 - bar1 - 1));
  auto msgs = text.substr(bar2 + 1);
  while (!msgs.empty()) {
    auto semi = msgs.find(';');
    auto m = msgs.substr(0, semi);
    hp.messages.push_back({m.front() == '>', parse_tokens(m.substr(1))});
    if (semi == std::string_view::npos) break;
    msgs.remove_prefix(semi + 1);
  }
  return hp;
}

}  // namespace

result<handshake_pattern> find_pattern(std::string_view name) {
  // Split the base name from its modifiers: the base is the longest table entry that prefixes name.
  const pattern_text* base = nullptr;
  for (const auto& p : table) {
    if (name.substr(0, p.name.size()) == p.name && (!base || p.name.size() > base->name.size())) base = &p;
  }
  if (!base) return errc::unknown_protocol;
  auto hp = expand(*base);
  auto mods = name.substr(base->name.size());
  hp.name = std::string(name);
  hp.one_way = base->name.size() == 1;
  while (!mods.empty()) {
    auto plus = mods.find('+');
    auto m = mods.substr(0, plus);
    if (m.size() != 4 || m.substr(0, 3) != "psk" || !std::isdigit(static_cast<unsigned char>(m[3])))
      return errc::unknown_protocol;
    const auto n = static_cast<std::size_t>(m[3] - '0');
    if (n > hp.messages.size()) return errc::unknown_protocol;
    if (n == 0) {
      auto& first = hp.messages.front().tokens;
      first.insert(first.begin(), token::psk);
    } else {
      hp.messages[n - 1].tokens.push_back(token::psk);
    }
    ++hp.psk_count;
    if (plus == std::string_view::npos) break;
    mods.remove_prefix(plus + 1);
    if (mods.empty()) return errc::unknown_protocol;
  }
  return hp;
}

result<handshake_pattern> parse_protocol_name(std::string_view protocol_name) {
  constexpr std::string_view prefix = "Noise_";
  constexpr std::string_view suffix = "_25519_ChaChaPoly_BLAKE2b";
  if (protocol_name.size() <= prefix.size() + suffix.size() ||
      protocol_name.substr(0, prefix.size()) != prefix ||
      protocol_name.substr(protocol_name.size() - suffix.size()) != suffix)
    return errc::unknown_protocol;
  return find_pattern(
      protocol_name.substr(prefix.size(), protocol_name.size() - prefix.size() - suffix.size()));
}

}  // namespace bridgelink::noise
