// bridge — the e-imza companion desktop bridge. Sub-commands: demo (more to come: run, card).
#include <boost/program_options.hpp>
#include <iostream>
#include <sodium.h>

#include "app/commands.hpp"

namespace po = boost::program_options;

namespace {

constexpr const char* usage =
    "usage: bridge [--version] [--help] <command> [options]\n"
    "commands:\n"
    "  demo    show the pairing QR and check the protocol (embedded default)\n";

int demo(const std::vector<std::string>& args) {
  po::options_description desc("bridge demo options");
  desc.add_options()("help,h", "this help")("lang", po::value<std::string>(), "tr (default) or en")(
      "origin", po::value<std::string>()->default_value("https://eimza.localhost"),
      "web companion origin the QR points to")("no-selfcheck", "skip the in-memory protocol self-check");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }
  eimza::app::demo_options opts;
  opts.lang = eimza::ui::language_from_environment();
  if (vm.count("lang")) {
    const auto& l = vm["lang"].as<std::string>();
    if (l != "tr" && l != "en") throw po::error("--lang must be tr or en, not '" + l + "'");
    opts.lang = eimza::ui::parse_language(l);
  }
  opts.origin = vm["origin"].as<std::string>();
  if (opts.origin.rfind("https://", 0) != 0 && opts.origin.rfind("http://", 0) != 0)
    throw po::error("--origin must start with https:// or http://");
  opts.selfcheck = vm.count("no-selfcheck") == 0;
  return eimza::app::run_demo(opts, std::cout);
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
    std::cerr << "bridge: unknown command '" << cmd << "'\n" << usage;
    return 2;
  } catch (const po::error& e) {
    std::cerr << "bridge: " << e.what() << "\n";
    return 2;
  }
}
