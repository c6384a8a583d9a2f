// bridge — the e-imza companion desktop bridge. Sub-commands: demo (more to come: run, card).
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <sodium.h>

#include "app/commands.hpp"

namespace po = boost::program_options;

namespace {

constexpr const char* usage =
    "usage: bridge [--version] [--help] <command> [options]\n"
    "commands:\n"
    "  demo      the whole journey on this machine: portal simulator, virtual card, relay\n"
    "  selfcheck show a pairing QR and check the protocol in memory\n"
    "  card    wait for a card and print what is on it (--json for programs)\n";

// Parses a sub-command's arguments; true when --help was asked for (and printed).
bool parse_or_help(const po::options_description& desc, const std::vector<std::string>& args, po::variables_map& vm) {
  po::store(po::command_line_parser(args).options(desc).run(), vm);
  po::notify(vm);
  if (!vm.count("help")) return false;
  std::cout << desc << "\n";
  return true;
}

eimza::ui::language language_option(const po::variables_map& vm) {
  if (!vm.count("lang")) return eimza::ui::language_from_environment();
  const auto& l = vm["lang"].as<std::string>();
  if (l != "tr" && l != "en") throw po::error("--lang must be tr or en, not '" + l + "'");
  return eimza::ui::parse_language(l);
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

int demo(const std::vector<std::string>& args) {
  po::options_description desc("bridge demo options");
  desc.add_options()("help,h", "this help")("lang", po::value<std::string>(), "tr (default) or en")(
      "lan", "also listen on the LAN, for a phone on the same network")(
      "relay-port", po::value<int>()->default_value(0), "port of the embedded relay (0: any)")(
      "desktop-port", po::value<int>()->default_value(0), "port of the desktop page (0: any)");
  po::variables_map vm;
  if (parse_or_help(desc, args, vm)) return 0;
  eimza::app::demo_options opts;
  opts.lang = language_option(vm);
  opts.lan = vm.count("lan") > 0;
  for (const char* k : {"relay-port", "desktop-port"})
    if (vm[k].as<int>() < 0 || vm[k].as<int>() > 65535) throw po::error(std::string("--") + k + " must be 0-65535");
  opts.relay_port = static_cast<unsigned short>(vm["relay-port"].as<int>());
  opts.desktop_port = static_cast<unsigned short>(vm["desktop-port"].as<int>());
  if (const char* t = std::getenv("EIMZA_DEMO_TEST_TOKEN")) opts.test_token = t;  // tests only
  return eimza::app::run_demo(opts, std::cout, std::cerr);
}

int card(const std::vector<std::string>& args) {
  po::options_description desc("bridge card options");
  desc.add_options()("help,h", "this help")("json", "print JSON")("lang", po::value<std::string>(), "tr (default) or en")(
      "reader", po::value<std::string>()->default_value(""), "reader name (default: any)")(
      "pkcs11", po::value<std::string>()->default_value(""),
      "read through this PKCS#11 module instead of APDUs ('auto': akisp11/OpenSC default paths)")(
      "wait", po::value<int>()->default_value(60), "seconds to wait for a card (1-3600)");
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

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "bridge: libsodium could not be initialised\n";
    return 1;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
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
    if (cmd == "demo") return demo(args);
    if (cmd == "selfcheck") return selfcheck(args);
    if (cmd == "card") return card(args);
    std::cerr << "bridge: unknown command '" << cmd << "'\n" << usage;
    return 2;
  } catch (const po::error& e) {
    std::cerr << "bridge: " << e.what() << "\n";
    return 2;
  }
}
