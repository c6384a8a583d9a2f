#pragma once
// Writes a virtual card fixture (card.json + cert.der) into a fresh directory for a test.
#include <filesystem>
#include <string>

#include "virtual_card/test_certificate.hpp"

namespace eimza::test {

struct card_files {
  std::filesystem::path dir, json;
  std::string serial = "0036267E57013B46";
  std::string tckn = "10000000146";
  std::string pin = "123456";
  cert_spec cert;
};

/// Fills dir/json, writes the files. cert validity defaults to [now - 10 days, now + 3 years].
void write_card_files(card_files& f, const std::string& name);

}  // namespace eimza::test
