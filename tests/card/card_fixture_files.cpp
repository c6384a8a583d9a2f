#include "card_fixture_files.hpp"

#include <unistd.h>

#include <fstream>

namespace eimza::test {
namespace {

void default_validity(cert_spec& c, const std::string& tckn) {
  if (c.not_after == 0) {
    c.not_before = now_unix() - 10 * day;
    c.not_after = now_unix() + 3 * 365 * day;
  }
  c.serial_number_attr = tckn;
}

}  // namespace

void write_card_files(card_files& f, const std::string& name) {
  f.dir = std::filesystem::temp_directory_path() / ("eimza-card-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(f.dir);
  std::string names;
  auto write = [&](cert_spec& spec, const std::string& file) {
    default_validity(spec, f.tckn);
    const auto der = make_certificate(spec);
    std::ofstream(f.dir / file, std::ios::binary)
        .write(reinterpret_cast<const char*>(der.data()), static_cast<std::streamsize>(der.size()));
    names += (names.empty() ? "\"" : ", \"") + file + "\"";
  };
  for (std::size_t i = 0; i < f.before.size(); ++i) write(f.before[i], "cert-" + std::to_string(i) + ".der");
  write(f.cert, "cert.der");
  f.json = f.dir / "card.json";
  std::ofstream(f.json) << R"({"serial": ")" << f.serial << R"(", "pin": ")" << f.pin
                        << R"(", "pin_retries": 3, "certificates": [)" << names
                        << R"(], "label": "AKIS test")"
                        << (f.atr.empty() ? "" : R"(, "atr": ")" + f.atr + "\"") << "}";
}

}  // namespace eimza::test
