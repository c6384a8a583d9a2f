// bridge — the e-imza companion desktop bridge. Sub-commands: run, demo, card, selfcheck.
#include <sodium.h>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app_text.hpp"
#include "app/commands.hpp"
#include "platform/program_text.hpp"
#include "platform/user_dirs.hpp"
#include "platform/utf8_path.hpp"
#include "ui/text.hpp"

namespace po = boost::program_options;

namespace {

constexpr const char* usage =
    "usage: bridge [--version] [--help] <command> [options]\n"
    "commands:\n"
    "  run       the journey for real: Kamu SM portal, your reader, the phone via a relay or the LAN\n"
    "  demo      the whole journey on this machine: portal simulator, virtual card, relay\n"
    "  selfcheck show a pairing QR and check the protocol in memory\n"
    "  card    wait for a card and print what is on it (--json for programs)\n"
    "  portal-check  what a portal profile finds, screen by screen (live up to the login screen, or --html "
    "pages)\n";

// Parses a sub-command's arguments; true when --help was asked for (and printed).
bool parse_or_help(const po::options_description& desc, const std::vector<std::string>& args,
                   po::variables_map& vm) {
  po::store(po::command_line_parser(args).options(desc).run(), vm);
  po::notify(vm);
  if (!vm.count("help")) return false;
  std::cout << desc << "\n";
  return true;
}

// --log-level / --log-file, shared by the journey commands.
void add_log_options(po::options_description& desc) {
  desc.add_options()("tray", po::value<std::string>()->default_value("auto"),
                     "tray icon: auto (with a desktop session), on or off")(
      "log-level", po::value<std::string>()->default_value("info"), "error, warn, info or debug")(
      "log-file", po::value<std::string>()->default_value(""),
      "log file (default: ~/.local/state/eimza/bridge.log; '-': none)");
}

eimza::app::log_options log_option(const po::variables_map& vm) {
  eimza::app::log_options o;
  const auto& l = vm["log-level"].as<std::string>();
  const auto level = eimza::log::parse_level(l);
  if (!level) throw po::error("--log-level must be error, warn, info or debug, not '" + l + "'");
  o.level = *level;
  o.file = vm["log-file"].as<std::string>();
  return o;
}

eimza::app::tray_mode tray_option(const po::variables_map& vm) {
  const auto& t = vm["tray"].as<std::string>();
  if (t == "auto") return eimza::app::tray_mode::automatic;
  if (t == "on") return eimza::app::tray_mode::on;
  if (t == "off") return eimza::app::tray_mode::off;
  throw po::error("--tray must be auto, on or off, not '" + t + "'");
}

eimza::ui::language language_option(const po::variables_map& vm) {
  if (!vm.count("lang")) return eimza::ui::language_from_environment();
  const auto& l = vm["lang"].as<std::string>();
  if (l != "tr" && l != "en") throw po::error("--lang must be tr or en, not '" + l + "'");
  return eimza::ui::parse_language(l);
}

unsigned short port_option(const po::variables_map& vm, const char* key) {
  const int p = vm[key].as<int>();
  if (p < 0 || p > 65535) throw po::error(std::string("--") + key + " must be 0-65535");
  return static_cast<unsigned short>(p);
}

std::string file_option(const po::variables_map& vm, const char* key) {
  const auto& v = vm[key].as<std::string>();
  if (!v.empty() && !std::filesystem::is_regular_file(v))
    throw po::error(std::string("--") + key + ": no such file: " + v);
  return v;
}

// The user's config file: $XDG_CONFIG_HOME/eimza/bridge.conf or ~/.config/eimza/bridge.conf
// (Windows: %APPDATA%\eimza\bridge.conf).
std::string default_config_path() {
  const auto dir = eimza::platform::config_dir();
  return dir.empty() ? std::string() : eimza::platform::path_utf8(dir / "bridge.conf");
}

int selfcheck(const std::vector<std::string>& args) {
  po::options_description desc("bridge selfcheck options");
  desc.add_options()("help,h", "this help")("lang", po::value<std::string>(), "tr (default) or en")(
      "origin", po::value<std::string>()->default_value("https://eimza.localhost"),
      "web companion origin the QR points to")("no-selfcheck", "skip the in-memory protocol self-check");
  po::variables_map vm;
  if (parse_or_help(desc, args, vm)) return 0;
  eimza::app::selfcheck_options opts;
  opts.lang = language_option(vm);
  opts.origin = vm["origin"].as<std::string>();
  if (opts.origin.rfind("https://", 0) != 0 && opts.origin.rfind("http://", 0) != 0)
    throw po::error("--origin must start with https:// or http://");
  opts.selfcheck = vm.count("no-selfcheck") == 0;
  return eimza::app::run_selfcheck(opts, std::cout);
}

#ifdef EIMZA_HAS_DEMO
int demo(const std::vector<std::string>& args) {
  po::options_description desc("bridge demo options");
  desc.add_options()("help,h", "this help")("lang", po::value<std::string>(), "tr (default) or en")(
      "lan", "also listen on the LAN, for a phone on the same network")(
      "relay-port", po::value<int>()->default_value(0), "port of the embedded relay (0: any)")(
      "desktop-port", po::value<int>()->default_value(0), "port of the desktop page (0: any)");
  add_log_options(desc);
  po::variables_map vm;
  if (parse_or_help(desc, args, vm)) return 0;
  eimza::app::demo_options opts;
  opts.log = log_option(vm);
  opts.tray = tray_option(vm);
  opts.lang = language_option(vm);
  opts.lan = vm.count("lan") > 0;
  opts.relay_port = port_option(vm, "relay-port");
  opts.desktop_port = port_option(vm, "desktop-port");
  if (const char* t = std::getenv("EIMZA_DEMO_TEST_TOKEN")) opts.test_token = t;  // tests only
  if (const char* c = std::getenv("EIMZA_DEMO_CARD_SERIAL")) {  // tests only: another card than the portal's
    opts.card_serial = c;
    if (opts.card_serial.size() != 16 ||
        opts.card_serial.find_first_not_of("0123456789ABCDEF") != std::string::npos)
      throw po::error("EIMZA_DEMO_CARD_SERIAL must be 16 upper-case hex digits");
  }
  return eimza::app::run_demo(opts, std::cout, std::cerr);
}
#else
int demo(const std::vector<std::string>& args) {
  po::options_description desc("bridge demo options");
  desc.add_options()("help,h", "this help")("lang", po::value<std::string>(), "tr (default) or en");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).allow_unregistered().run(), vm);
  std::cerr << eimza::ui::say(language_option(vm), eimza::app::app_text::demo_linux_only) << "\n";
  return 2;
}
#endif

int run(const std::vector<std::string>& args) {
  po::options_description desc("bridge run options (also read from the config file, same names without --)");
  desc.add_options()("help,h", "this help")(
      "config", po::value<std::string>(),
      "config file (default: ~/.config/eimza/bridge.conf when it exists)")("lang", po::value<std::string>(),
                                                                           "tr (default) or en")(
      "reader", po::value<std::string>()->default_value(""), "reader name (default: any)")(
      "pkcs11", po::value<std::string>()->default_value(""),
      "read the card through this PKCS#11 module ('auto': akisp11 where installed; default: chosen by the "
      "card's ATR)")("card-wait", po::value<int>()->default_value(300),
                     "seconds to wait for the card (1-3600)")(
      "relay", po::value<std::string>()->default_value(""),
      "relay URL, wss://host[:port] (it serves the phone page too)")(
      "relay-ca", po::value<std::string>()->default_value(""), "trust only this CA (PEM) for the relay")(
      "lan", po::bool_switch(), "LAN mode: the phone connects to this machine directly")(
      "lan-address", po::value<std::string>()->default_value(""),
      "LAN mode: this machine's address for the phone")("lan-port", po::value<int>()->default_value(0),
                                                        "LAN mode: port (0: any)")(
      "lan-cert", po::value<std::string>()->default_value(""), "LAN mode: TLS certificate chain (PEM)")(
      "lan-key", po::value<std::string>()->default_value(""), "LAN mode: TLS private key (PEM)")(
      "profile", po::value<std::string>()->default_value(""),
      "portal profile JSON (default: built-in Kamu SM)")("portal-url",
                                                         po::value<std::string>()->default_value(""),
                                                         "portal entry URL (overrides the profile's)")(
      "portal-ca", po::value<std::string>()->default_value(""), "extra CA (PEM) for the portal")(
      "proxy", po::value<std::string>()->default_value(""),
      "HTTPS proxy for the portal (default: https_proxy)")("desktop-port", po::value<int>()->default_value(0),
                                                           "port of the desktop page (0: any)");
  add_log_options(desc);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).run(), vm);
  std::string config = vm.count("config") ? vm["config"].as<std::string>() : default_config_path();
  if (vm.count("config") && !std::filesystem::is_regular_file(eimza::platform::utf8_path(config)))
    throw po::error("--config: no such file: " + config);
  if (!config.empty() && std::filesystem::is_regular_file(eimza::platform::utf8_path(config))) {
    std::ifstream in(eimza::platform::utf8_path(config));
    po::store(po::parse_config_file(in, desc), vm);  // the command line wins: it was stored first
  }
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  eimza::app::run_options o;
  o.lang = language_option(vm);
  o.reader = vm["reader"].as<std::string>();
  o.pkcs11_module = vm["pkcs11"].as<std::string>();
  if (!o.pkcs11_module.empty() && o.pkcs11_module != "auto") o.pkcs11_module = file_option(vm, "pkcs11");
  const int wait = vm["card-wait"].as<int>();
  if (wait < 1 || wait > 3600) throw po::error("--card-wait must be between 1 and 3600 seconds");
  o.card_wait = std::chrono::seconds(wait);
  o.relay_url = vm["relay"].as<std::string>();
  o.relay_ca = file_option(vm, "relay-ca");
  o.lan = vm["lan"].as<bool>();
  o.lan_address = vm["lan-address"].as<std::string>();
  o.lan_port = port_option(vm, "lan-port");
  o.lan_cert = file_option(vm, "lan-cert");
  o.lan_key = file_option(vm, "lan-key");
  o.profile_file = file_option(vm, "profile");
  o.portal_url = vm["portal-url"].as<std::string>();
  o.portal_ca = file_option(vm, "portal-ca");
  o.proxy = vm["proxy"].as<std::string>();
  o.desktop_port = port_option(vm, "desktop-port");
  o.log = log_option(vm);
  o.tray = tray_option(vm);
  return eimza::app::run_run(o, std::cout, std::cerr);
}

int card(const std::vector<std::string>& args) {
  po::options_description desc("bridge card options");
  desc.add_options()("help,h", "this help")("json", "print JSON")("lang", po::value<std::string>(),
                                                                  "tr (default) or en")(
      "reader", po::value<std::string>()->default_value(""), "reader name (default: any)")(
      "pkcs11", po::value<std::string>()->default_value(""),
      "read through this PKCS#11 module ('auto': akisp11 where installed; default: chosen by the card's "
      "ATR)")("wait", po::value<int>()->default_value(60), "seconds to wait for a card (1-3600)");
  po::variables_map vm;
  if (parse_or_help(desc, args, vm)) return 0;
  eimza::app::card_options opts;
  opts.lang = language_option(vm);
  opts.json = vm.count("json") > 0;
  opts.reader = vm["reader"].as<std::string>();
  opts.pkcs11_module = vm["pkcs11"].as<std::string>();
  const int wait = vm["wait"].as<int>();
  if (wait < 1 || wait > 3600) throw po::error("--wait must be between 1 and 3600 seconds");
  opts.wait = std::chrono::seconds(wait);
  return eimza::app::run_card(opts, std::cout, std::cerr);
}

int portal_check(const std::vector<std::string>& args) {
  po::options_description desc("bridge portal-check options");
  desc.add_options()("help,h", "this help")("profile", po::value<std::string>()->default_value(""),
                                            "portal profile JSON (default: the built-in Kamu SM profile)")(
      "portal-url", po::value<std::string>()->default_value(""),
      "the portal's entry URL (overrides the profile's)")(
      "portal-ca", po::value<std::string>()->default_value(""), "trust this CA (PEM) for the portal")(
      "proxy", po::value<std::string>()->default_value(""), "HTTPS proxy (default: the environment's)")(
      "html", po::value<std::vector<std::string>>()->multitoken(),
      "saved pages to check offline (nothing is fetched)");
  po::variables_map vm;
  if (parse_or_help(desc, args, vm)) return 0;
  eimza::app::portal_check_options o;
  o.profile_file = vm["profile"].as<std::string>();
  if (!o.profile_file.empty()) o.profile_file = file_option(vm, "profile");
  o.portal_url = vm["portal-url"].as<std::string>();
  if (!o.portal_url.empty() && o.portal_url.rfind("https://", 0) != 0)
    throw po::error("--portal-url must start with https://");
  o.portal_ca = vm["portal-ca"].as<std::string>();
  o.proxy = vm["proxy"].as<std::string>();
  if (vm.count("html")) o.html_files = vm["html"].as<std::vector<std::string>>();
  return eimza::app::run_portal_check(o, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "bridge: libsodium could not be initialised\n";
    return 1;
  }
  const eimza::platform::program_text text(argc, argv);  // UTF-8 arguments and console
  std::vector<std::string> args = text.args();
  try {
    if (args.empty()) {
      std::cerr << usage;
      return 2;
    }
    const std::string cmd = args.front();
    args.erase(args.begin());
    if (cmd == "--version" || cmd == "-V") {
      std::cout << "bridge " << EIMZA_VERSION << "\n";
      return 0;
    }
    if (cmd == "--help" || cmd == "-h") {
      std::cout << usage;
      return 0;
    }
    if (cmd == "run") return run(args);
    if (cmd == "demo") return demo(args);
    if (cmd == "selfcheck") return selfcheck(args);
    if (cmd == "card") return card(args);
    if (cmd == "portal-check") return portal_check(args);
    std::cerr << "bridge: unknown command '" << cmd << "'\n" << usage;
    return 2;
  } catch (const po::error& e) {
    std::cerr << "bridge: " << e.what() << "\n";
    return 2;
  }
}
