#pragma once
// The bridge's sub-commands. Each returns the process exit code.
#include <chrono>
#include <iosfwd>
#include <string>

#include "ui/text.hpp"

namespace eimza::app {

struct selfcheck_options {
  ui::language lang = ui::language::tr;
  std::string origin = "https://eimza.localhost";
  bool selfcheck = true;
};

/// The pairing QR in the terminal and the in-memory protocol self-check.
int run_selfcheck(const selfcheck_options& opts, std::ostream& out);

struct demo_options {
  ui::language lang = ui::language::tr;
  bool lan = false;             // listen on the LAN too (the phone is another device)
  unsigned short relay_port = 0;
  unsigned short desktop_port = 0;
  std::string test_token;       // non-empty: the portal simulator's test endpoints are on (tests)
};

/// The embedded default: portal simulator, virtual card (+pcscd), relay, desktop page, journey.
int run_demo(const demo_options& opts, std::ostream& out, std::ostream& err);

struct card_options {
  ui::language lang = ui::language::tr;
  bool json = false;
  std::string reader;         // empty: any reader
  std::string pkcs11_module;  // empty: PC/SC with APDUs; "auto": the platform's default modules
  std::chrono::seconds wait{60};
};

/// Exit codes: 0 read, 1 card/reader error (message on err; JSON error object on out with --json).
int run_card(const card_options& opts, std::ostream& out, std::ostream& err);

}  // namespace eimza::app
