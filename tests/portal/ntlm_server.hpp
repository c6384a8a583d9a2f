#pragma once
// The server's side of NTLMv2 (MS-NLMP) for the test proxy, as an institution's proxy checks it:
// the CHALLENGE message it sends and the check of the AUTHENTICATE message's NTProofStr against
// the account's password. ASCII names and passwords only (the tests' accounts).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eimza::test::ntlm {

using bytes = std::vector<std::uint8_t>;
using challenge_nonce = std::array<std::uint8_t, 8>;

/// NTOWFv2 (MS-NLMP 3.3.2): HMAC-MD5(MD4(UTF-16LE(password)), UTF-16LE(upper(user) + domain)).
[[nodiscard]] std::array<std::uint8_t, 16> response_key(std::string_view user, std::string_view password,
                                                        std::string_view domain);
/// HMAC-MD5(key, server challenge + the response's blob): what the first 16 bytes must be.
[[nodiscard]] std::array<std::uint8_t, 16> proof(const std::array<std::uint8_t, 16>& key,
                                                 const challenge_nonce& server, const bytes& blob);

/// A CHALLENGE_MESSAGE asking for NTLMv2 (target information: domain `domain`).
[[nodiscard]] bytes challenge(const challenge_nonce& server, std::string_view domain);

struct authenticate {
  std::string user, domain;
  bytes nt_response;  // NTProofStr (16) + blob
};
/// nullopt when it is not an AUTHENTICATE_MESSAGE or its fields run past its end.
[[nodiscard]] std::optional<authenticate> parse_authenticate(const bytes& m);
/// The message type of an NTLMSSP message (1, 2, 3), 0 when it is none.
[[nodiscard]] int message_type(const bytes& m);

/// The proof checked in constant time; the user name compared without case.
[[nodiscard]] bool verify(const authenticate& a, std::string_view user, std::string_view password,
                          const challenge_nonce& server);

[[nodiscard]] std::string base64(const bytes& b);
[[nodiscard]] bytes unbase64(std::string_view s);

}  // namespace eimza::test::ntlm
