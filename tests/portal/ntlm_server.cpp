#include "ntlm_server.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/provider.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace eimza::test::ntlm {
namespace {

bytes utf16le(std::string_view ascii) {
  bytes out;
  for (const char ch : ascii) out.insert(out.end(), {static_cast<std::uint8_t>(ch), 0});
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return out;
}

// MD4 lives in OpenSSL 3's legacy provider: loaded into a library context of the test's own, so
// the process's default one is untouched.
std::array<std::uint8_t, 16> md4(const bytes& in) {
  static OSSL_LIB_CTX* ctx = [] {
    auto* c = OSSL_LIB_CTX_new();
    if (!OSSL_PROVIDER_load(c, "legacy") || !OSSL_PROVIDER_load(c, "default"))
      throw std::runtime_error("OpenSSL's legacy provider (MD4) is not available");
    return c;
  }();
  EVP_MD* md = EVP_MD_fetch(ctx, "MD4", nullptr);
  if (!md) throw std::runtime_error("no MD4");
  std::array<std::uint8_t, 16> out{};
  unsigned len = 0;
  const int ok = EVP_Digest(in.data(), in.size(), out.data(), &len, md, nullptr);
  EVP_MD_free(md);
  if (!ok || len != out.size()) throw std::runtime_error("MD4 failed");
  return out;
}

std::array<std::uint8_t, 16> hmac_md5(const std::uint8_t* key, std::size_t key_len, const bytes& data) {
  std::array<std::uint8_t, 16> out{};
  unsigned len = 0;
  HMAC(EVP_md5(), key, static_cast<int>(key_len), data.data(), data.size(), out.data(), &len);
  return out;
}

void put16(bytes& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v);
  b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint32_t get32(const bytes& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

constexpr std::uint8_t signature[8] = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
constexpr std::uint32_t negotiate_unicode = 0x1, request_target = 0x4, negotiate_ntlm = 0x200,
                        target_type_domain = 0x10000, extended_session_security = 0x80000,
                        negotiate_target_info = 0x800000;

// A field of an AUTHENTICATE message: length, max length, offset (MS-NLMP 2.2.1.3).
std::optional<bytes> field(const bytes& m, std::size_t at) {
  if (m.size() < at + 8) return std::nullopt;
  const std::size_t len = static_cast<std::size_t>(m[at]) | static_cast<std::size_t>(m[at + 1]) << 8;
  const std::size_t offset = get32(m, at + 4);
  if (offset > m.size() || len > m.size() - offset) return std::nullopt;
  return bytes(m.begin() + static_cast<std::ptrdiff_t>(offset),
               m.begin() + static_cast<std::ptrdiff_t>(offset + len));
}

std::string text(const bytes& b, bool unicode) {
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += unicode ? 2 : 1) out.push_back(static_cast<char>(b[i]));
  return out;
}

}  // namespace

std::array<std::uint8_t, 16> response_key(std::string_view user, std::string_view password,
                                          std::string_view domain) {
  const auto nt_hash = md4(utf16le(password));
  return hmac_md5(nt_hash.data(), nt_hash.size(), utf16le(upper(user) + std::string(domain)));
}

std::array<std::uint8_t, 16> proof(const std::array<std::uint8_t, 16>& key, const challenge_nonce& server,
                                   const bytes& blob) {
  bytes data(server.begin(), server.end());
  data.insert(data.end(), blob.begin(), blob.end());
  return hmac_md5(key.data(), key.size(), data);
}

bytes challenge(const challenge_nonce& server, std::string_view domain) {
  const auto name = utf16le(domain);
  bytes info;  // AV pairs: MsvAvNbDomainName, MsvAvEOL
  info.insert(info.end(), {2, 0, static_cast<std::uint8_t>(name.size()), 0});
  info.insert(info.end(), name.begin(), name.end());
  info.insert(info.end(), {0, 0, 0, 0});
  bytes m(48, 0);
  std::copy(std::begin(signature), std::end(signature), m.begin());
  put32(m, 8, 2);
  put16(m, 12, static_cast<std::uint16_t>(name.size()));
  put16(m, 14, static_cast<std::uint16_t>(name.size()));
  put32(m, 16, 48);
  put32(m, 20,
        negotiate_unicode | request_target | negotiate_ntlm | target_type_domain | extended_session_security |
            negotiate_target_info);
  std::copy(server.begin(), server.end(), m.begin() + 24);
  put16(m, 40, static_cast<std::uint16_t>(info.size()));
  put16(m, 42, static_cast<std::uint16_t>(info.size()));
  put32(m, 44, static_cast<std::uint32_t>(48 + name.size()));
  m.insert(m.end(), name.begin(), name.end());
  m.insert(m.end(), info.begin(), info.end());
  return m;
}

int message_type(const bytes& m) {
  if (m.size() < 12 || !std::equal(std::begin(signature), std::end(signature), m.begin())) return 0;
  const auto t = get32(m, 8);
  return t >= 1 && t <= 3 ? static_cast<int>(t) : 0;
}

std::optional<authenticate> parse_authenticate(const bytes& m) {
  if (message_type(m) != 3 || m.size() < 64) return std::nullopt;
  const bool unicode = (get32(m, 60) & negotiate_unicode) != 0;
  auto nt = field(m, 20);
  auto domain = field(m, 28);
  auto user = field(m, 36);
  if (!nt || !domain || !user) return std::nullopt;
  return authenticate{text(*user, unicode), text(*domain, unicode), std::move(*nt)};
}

bool verify(const authenticate& a, std::string_view user, std::string_view password,
            const challenge_nonce& server) {
  if (upper(a.user) != upper(user) || a.nt_response.size() <= 16) return false;
  const bytes blob(a.nt_response.begin() + 16, a.nt_response.end());
  const auto expected = proof(response_key(user, password, a.domain), server, blob);
  return CRYPTO_memcmp(expected.data(), a.nt_response.data(), expected.size()) == 0;
}

std::string base64(const bytes& b) {
  std::string out(4 * ((b.size() + 2) / 3) + 1, '\0');
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), b.data(), static_cast<int>(b.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bytes unbase64(std::string_view s) {
  bytes out(3 * ((s.size() + 3) / 4), 0);
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(s.data()),
                                static_cast<int>(s.size()));
  if (n < 0 || s.size() % 4 != 0) return {};
  std::size_t len = static_cast<std::size_t>(n);
  for (std::size_t i = s.size(); i > 0 && s[i - 1] == '='; --i) --len;  // DecodeBlock counts the padding
  out.resize(len);
  return out;
}

}  // namespace eimza::test::ntlm
