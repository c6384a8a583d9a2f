#include "card_fixture_files.hpp"

#include <unistd.h>

#include <fstream>

namespace eimza::test {

void write_card_files(card_files& f, const std::string& name) {
  f.dir = std::filesystem::temp_directory_path() / ("eimza-card-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::create_directories(f.dir);
  if (f.cert.not_after == 0) {
    f.cert.not_before = now_unix() - 10 * day;
    f.cert.not_after = now_unix() + 3 * 365 * day;
  }
  f.cert.serial_number_attr = f.tckn;
  const auto der = make_certificate(f.cert);
  std::ofstream(f.dir / "cert.der", std::ios::binary).write(reinterpret_cast<const char*>(der.data()),
                                                            static_cast<std::streamsize>(der.size()));
  f.json = f.dir / "card.json";
  std::ofstream(f.json) << R"({"serial": ")" << f.serial << R"(", "pin": ")" << f.pin
                        << R"(", "pin_retries": 3, "certificate": "cert.der", "label": "AKIS test"})";
}

}  // namespace eimza::test
