#pragma once
// The bridge's sub-commands. Each returns the process exit code.
#include <chrono>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "log/logger.hpp"
#include "ui/text.hpp"

namespace eimza::app {

enum class tray_mode { automatic, on, off };  // automatic: when there is a desktop session

struct log_options {
  log::level level = log::level::info;
  std::string file;  // empty: <state dir>/bridge.log; "-": no file
};

/// The logger of a journey command: a rotating file (0600) under the user's state directory.
/// Prints where it writes (or that it cannot).
[[nodiscard]] std::unique_ptr<log::logger> open_log(const log_options& o, std::ostream& out);

struct selfcheck_options {
  ui::language lang = ui::language::tr;
  std::string origin = "https://eimza.localhost";
  bool selfcheck = true;
};

/// The pairing QR in the terminal and the in-memory protocol self-check.
int run_selfcheck(const selfcheck_options& opts, std::ostream& out);

struct demo_options {
  ui::language lang = ui::language::tr;
  bool lan = false;  // listen on the LAN too (the phone is another device)
  unsigned short relay_port = 0;
  unsigned short desktop_port = 0;
  std::string test_token;  // non-empty: the portal simulator's test endpoints are on (tests)
  std::string card_serial = "0036267E57013B46";  // the virtual card's (tests: another card than the portal's)
  log_options log;
  tray_mode tray = tray_mode::automatic;
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

namespace eimza::app {

struct run_options {
  ui::language lang = ui::language::tr;
  std::string reader;         // empty: any reader
  std::string pkcs11_module;  // empty: APDUs over PC/SC; a path or "auto"
  std::chrono::seconds card_wait{300};
  // Where the phone meets the bridge: a relay (ws:// or wss://host[:port], which also serves
  // the web companion), or LAN mode (the embedded relay on this machine).
  std::string relay_url;
  std::string relay_ca;  // trust only this CA for the relay (default: the system's)
  bool lan = false;
  std::string lan_address;        // the address the phone uses (default: this machine's LAN address)
  unsigned short lan_port = 0;    // 0: any
  std::string lan_cert, lan_key;  // TLS for LAN mode (recommended); plain HTTP without
  // The portal.
  std::string profile_file;  // empty: the built-in Kamu SM profile
  std::string portal_url;    // overrides the profile's entry URL
  std::string portal_ca;     // extra CA for the portal (default: the system's)
  std::string proxy;  // HTTP proxy for the portal and the relay (default: environment, then the system's)
  unsigned short desktop_port = 0;
  log_options log;
  tray_mode tray = tray_mode::automatic;
};

/// The real journey: the Kamu SM portal (or another profile), a real reader, a relay or LAN.
int run_run(const run_options& opts, std::ostream& out, std::ostream& err);

struct portal_check_options {
  std::string profile_file;  // empty: the built-in Kamu SM profile
  std::string portal_url;    // overrides the profile's entry URL
  std::string portal_ca, proxy;
  std::vector<std::string> html_files;  // saved pages: checked offline, nothing fetched
};

/// A profile against the portal up to the login screen (no credentials sent), or against saved
/// pages: each profile item found or missing, with what the client saw. 0 when all is found.
int run_portal_check(const portal_check_options& opts, std::ostream& out, std::ostream& err);

}  // namespace eimza::app
