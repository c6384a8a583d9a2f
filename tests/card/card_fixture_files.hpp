#pragma once
// Writes a virtual card fixture (card.json + certificate files) into a fresh directory for a test.
#include <filesystem>
#include <string>
#include <vector>

#include "virtual_card/test_certificate.hpp"

namespace eimza::test {

struct card_files {
  std::filesystem::path dir, json;
  std::string serial = "0036267E57013B46";
  std::string tckn = "10000000146";
  std::string pin = "123456";
  std::string atr;                // empty: the virtual card's own; else hex or a preset ("akis_v2", ...)
  std::vector<cert_spec> before;  // certificates in the EFs before the signing one (e.g. authentication)
  cert_spec cert;                 // the signing certificate
};

/// Fills dir/json, writes the files. Validity defaults to [now - 10 days, now + 3 years].
void write_card_files(card_files& f, const std::string& name);

}  // namespace eimza::test
