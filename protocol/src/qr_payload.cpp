#include "bridgelink/qr_payload.hpp"

#include "bridgelink/cbor.hpp"
#include "bridgelink/limits.hpp"

namespace bridgelink {

result<bytes> encode_qr_payload(const qr_payload& p) {
  if ((p.flags & ~(qr_flag_lan | qr_flag_relay)) != 0 || p.flags == 0) return errc::bad_field;
  if (p.lan && p.lan->address.size() != 4 && p.lan->address.size() != 16) return errc::bad_field;
  secret_bytes buf;
  cbor::writer w(buf);
  w.map(p.lan ? 6 : 5);
  w.uint(0), w.uint(protocol_version);
  w.uint(1), w.bytes(p.bridge_key);
  w.uint(2), w.bytes(p.secret.view());
  w.uint(3), w.uint(p.created_at);
  w.uint(4), w.uint(p.flags);
  if (p.lan) {
    w.uint(5), w.array(2);
    w.bytes(p.lan->address);
    w.uint(p.lan->port);
  }
  return bytes(buf.view().begin(), buf.view().end());
}

result<qr_payload> decode_qr_payload(byte_view in) {
  if (in.size() > limits::qr_payload_max) return errc::oversized;
  cbor::reader r(in);
  auto n = r.map(6);
  if (!n) return n.error();
  if (*n != 5 && *n != 6) return errc::bad_field;
  auto key = [&](std::uint64_t k) -> status {
    auto got = r.uint();
    if (!got) return got.error();
    return *got == k ? status(ok_v) : status(errc::bad_field);
  };
  qr_payload p;
  if (auto st = key(0); !st) return st.error();
  auto version = r.uint();
  if (!version) return version.error();
  if (*version != protocol_version) return errc::bad_version;

  if (auto st = key(1); !st) return st.error();
  auto pk = r.bytes(noise::dh_len);
  if (!pk) return pk.error();
  if (pk->size() != noise::dh_len) return errc::bad_field;
  std::copy(pk->begin(), pk->end(), p.bridge_key.begin());

  if (auto st = key(2); !st) return st.error();
  auto secret = r.bytes(qr_secret_len);
  if (!secret) return secret.error();
  if (secret->size() != qr_secret_len) return errc::bad_field;
  p.secret = secret_array<qr_secret_len>(*secret);

  if (auto st = key(3); !st) return st.error();
  auto created = r.uint();
  if (!created) return created.error();
  p.created_at = *created;

  if (auto st = key(4); !st) return st.error();
  auto flags = r.uint();
  if (!flags) return flags.error();
  if (*flags == 0 || (*flags & ~std::uint64_t{qr_flag_lan | qr_flag_relay}) != 0) return errc::bad_field;
  p.flags = static_cast<std::uint8_t>(*flags);

  if (*n == 6) {
    if (auto st = key(5); !st) return st.error();
    auto items = r.array(2);
    if (!items) return items.error();
    if (*items != 2) return errc::bad_field;
    auto addr = r.bytes(16);
    if (!addr) return addr.error();
    if (addr->size() != 4 && addr->size() != 16) return errc::bad_field;
    auto port = r.uint();
    if (!port) return port.error();
    if (*port == 0 || *port > 65535) return errc::bad_field;
    p.lan = lan_hint{bytes(addr->begin(), addr->end()), static_cast<std::uint16_t>(*port)};
  }
  if (!r.at_end()) return errc::trailing_data;
  return p;
}

std::string qr_url(std::string_view origin, byte_view encoded_payload) {
  std::string url(origin);
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/c#";
  url += to_base64url(encoded_payload);
  return url;
}

result<bytes> payload_from_fragment(std::string_view url_or_fragment) {
  auto hash = url_or_fragment.find('#');
  auto frag = hash == std::string_view::npos ? url_or_fragment : url_or_fragment.substr(hash + 1);
  if (frag.size() > limits::qr_fragment_max) return errc::oversized;
  auto b = from_base64url(frag);
  if (!b) return errc::bad_encoding;
  return std::move(*b);
}

bool qr_time_acceptable(std::uint64_t created_at, std::uint64_t now) noexcept {
  const auto skew = static_cast<std::uint64_t>(limits::qr_clock_skew_max.count());
  return created_at <= now ? now - created_at <= skew : created_at - now <= skew;
}

}  // namespace bridgelink
