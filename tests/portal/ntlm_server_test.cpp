// The test proxy's NTLMv2 check against MS-NLMP's own example (4.2.4: user "User", domain
// "Domain", password "Password"), so that a sign-in it accepts is a real one.
#include "ntlm_server.hpp"

#include <gtest/gtest.h>

using namespace eimza::test;

namespace {
std::string hex(const std::uint8_t* p, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += {digits[p[i] >> 4], digits[p[i] & 15]};
  return out;
}
}  // namespace

TEST(NtlmServer, ResponseKeyIsTheSpecificationsNtowfv2) {
  const auto k = ntlm::response_key("User", "Password", "Domain");
  EXPECT_EQ(hex(k.data(), k.size()), "0c868a403bfd7a93a3001ef22ef02e3f");
}

TEST(NtlmServer, ProofIsTheSpecificationsNtProofStr) {
  // temp = 0x0101, 6 zero bytes, time 0, client challenge aa×8, 4 zero bytes, the challenge's
  // target information (NbDomainName "Domain", NbComputerName "Server", EOL), 4 zero bytes.
  ntlm::bytes blob{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  blob.insert(blob.end(), 8, 0xaa);
  blob.insert(blob.end(), 4, 0);
  const std::uint8_t info[] = {2,  0, 12,  0, 'D', 0, 'o', 0, 'm', 0, 'a', 0, 'i', 0, 'n', 0, 1, 0,
                               12, 0, 'S', 0, 'e', 0, 'r', 0, 'v', 0, 'e', 0, 'r', 0, 0,   0, 0, 0};
  blob.insert(blob.end(), std::begin(info), std::end(info));
  blob.insert(blob.end(), 4, 0);
  const ntlm::challenge_nonce server{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
  const auto p = ntlm::proof(ntlm::response_key("User", "Password", "Domain"), server, blob);
  EXPECT_EQ(hex(p.data(), p.size()), "68cd0ab851e51c96aabc927bebef6a1c");
}

TEST(NtlmServer, VerifiesTheAuthenticateMessageAndOnlyWithThePassword) {
  const ntlm::challenge_nonce server{1, 2, 3, 4, 5, 6, 7, 8};
  ntlm::bytes blob{1, 1, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9};
  const auto p = ntlm::proof(ntlm::response_key("ayse", "Gizli-Parola1", "KURUM"), server, blob);
  ntlm::authenticate a{"AYSE", "KURUM", ntlm::bytes(p.begin(), p.end())};
  a.nt_response.insert(a.nt_response.end(), blob.begin(), blob.end());
  EXPECT_TRUE(ntlm::verify(a, "ayse", "Gizli-Parola1", server));
  EXPECT_FALSE(ntlm::verify(a, "ayse", "Gizli-Parola2", server));
  EXPECT_FALSE(ntlm::verify(a, "mehmet", "Gizli-Parola1", server));
  EXPECT_FALSE(ntlm::verify(a, "ayse", "Gizli-Parola1", {8, 7, 6, 5, 4, 3, 2, 1}));
  EXPECT_EQ(ntlm::message_type(ntlm::challenge(server, "KURUM")), 2);
  EXPECT_FALSE(ntlm::parse_authenticate(ntlm::challenge(server, "KURUM")));
  EXPECT_EQ(ntlm::unbase64(ntlm::base64({1, 2, 3, 4})), (ntlm::bytes{1, 2, 3, 4}));
}
