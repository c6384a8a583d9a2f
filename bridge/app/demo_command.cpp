// `bridge demo`: the whole journey on this machine with the embedded defaults: the Kamu SM portal
// simulator, the virtual AKIS-like card in the real pcscd (started here when we may), the relay
// (embedded, serving the web companion) and the desktop page. Prints what to do next.
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "app/app_files.hpp"
#include "app/commands.hpp"
#include "app/journey_runner.hpp"
#include "bridgelink/random.hpp"
#include "journey/desktop_page.hpp"
#include "journey/journey.hpp"
#include "platform/child_process.hpp"
#include "platform/private_files.hpp"
#include "relay/relay_server.hpp"
#include "virtual_card/pcscd_network.hpp"
#include "virtual_card/test_certificate.hpp"

namespace eimza::app {
namespace fs = std::filesystem;
namespace asio = boost::asio;

namespace {

// The demo's one portal account and the card that belongs to it (fixture data, not secrets).
constexpr std::string_view demo_accounts = R"([{"tckn": "10000000146", "security_word": "çiğdem",
  "phone": "05321234542", "card_serial": "0036267E57013B46", "pin": "482915", "puk": "73019264"}])";

bool wait_for_file(const fs::path& p, std::chrono::seconds t) {
  const auto end = std::chrono::steady_clock::now() + t;
  while (!fs::exists(p)) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace

int run_demo(const demo_options& o, std::ostream& out, std::ostream& err) {
  const bool tr = o.lang == ui::language::tr;
  auto say = [&](std::string_view t, std::string_view e) { out << (tr ? t : e) << std::endl; };
  const auto portal_sim = find_helper("portal-sim");
  const auto virtual_card = find_helper("virtual-card");
  const auto companion = find_companion();
  if (!portal_sim || !virtual_card || !companion) {
    err << (tr ? "Hata: demo bileşenleri bulunamadı (portal-sim, virtual-card, web-companion). scripts/demo "
                 "ile çalıştırın.\n"
               : "Error: demo parts not found (portal-sim, virtual-card, web-companion). Run it through "
                 "scripts/demo.\n");
    return 1;
  }
  if (!fs::exists(*companion / "vendor" / "libsodium.mjs")) {
    err << (tr ? "Hata: web-companion/vendor eksik: önce scripts/setup çalıştırın.\n"
               : "Error: web-companion/vendor is missing: run scripts/setup first.\n");
    return 1;
  }
  // Fixtures hold the demo's PIN, PUK and security word: a fresh 0700 directory nobody else can
  // have prepared (mkdtemp), files created 0600 and never through a link.
  fs::path work;
  try {
    work = platform::make_private_dir("eimza-demo");
  } catch (const std::exception& e) {
    err << (tr ? "Hata: demo çalışma dizini oluşturulamadı: "
               : "Error: the demo's work directory could not be made: ")
        << e.what() << "\n";
    return 1;
  }
  // Removed on every way out (the journey's Ctrl-C path removes it itself, before _Exit).
  struct remove_on_exit {
    fs::path dir;
    ~remove_on_exit() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } work_guard{work};
  // The helpers' logs stay with the bridge's, under the user's state directory (no secret in them).
  fs::path logs = work;
  if (const auto state = log::state_dir(); !state.empty()) {
    if (platform::ensure_private_dir(fs::path(state) / "demo")) logs = fs::path(state) / "demo";
  }
  const auto der = [] {
    test::cert_spec spec;  // the real Kamu SM shape the tests use (simulator/virtual_card)
    spec.serial_number_attr = "10000000146";
    spec.not_before = test::now_unix() - 10 * test::day;
    spec.not_after = test::now_unix() + 3 * 365 * test::day;
    return test::make_certificate(spec);
  }();
  try {
    platform::write_private_file(work / "accounts.json", demo_accounts);
    // The virtual card: the account's serial and PIN, a fresh certificate.
    platform::write_private_file(work / "cert.der",
                                 std::string_view(reinterpret_cast<const char*>(der.data()), der.size()));
    platform::write_private_file(work / "card.json", R"json({"serial": ")json" + o.card_serial +
                                                         R"json(", "pin": "482915", "pin_retries": 3,
    "certificate": "cert.der", "label": "AKIS (sanal / virtual)"})json");
  } catch (const std::exception& e) {
    err << (tr ? "Hata: demo dosyaları yazılamadı: " : "Error: the demo's files could not be written: ")
        << e.what() << "\n";
    return 1;
  }

  // pcscd: use the running one, or start it when we are root.
  std::unique_ptr<platform::child_process> pcscd;
  if (!fs::exists("/run/pcscd/pcscd.comm")) {
    if (::geteuid() != 0 || !fs::exists("/usr/sbin/pcscd")) {
      err << (tr ? "Hata: akıllı kart hizmeti (pcscd) çalışmıyor. Kurun ve başlatın: sudo apt install pcscd "
                   "vsmartcard-vpcd && sudo pcscd\n"
                 : "Error: the smart card service (pcscd) is not running. Install and start it: sudo apt "
                   "install pcscd vsmartcard-vpcd && sudo pcscd\n");
      return 1;
    }
    // In a network namespace of its own: vpcd listens on every address of pcscd's namespace,
    // which then has only a loopback (nothing on the LAN can insert a card into it).
    pcscd = std::make_unique<platform::child_process>(std::vector<std::string>{"/usr/sbin/pcscd", "-f"},
                                                      (logs / "pcscd.log").string(), true);
    if (!wait_for_file("/run/pcscd/pcscd.comm", std::chrono::seconds(10))) {
      err << (pcscd->wait(std::chrono::milliseconds(0)) == 126
                  ? (tr ? "Hata: pcscd kendi ağ ad alanında başlatılamadı (CAP_SYS_ADMIN gerekir).\n"
                        : "Error: pcscd could not be started in a network namespace of its own (needs "
                          "CAP_SYS_ADMIN).\n")
                  : "Error: pcscd did not start\n");
      return 1;
    }
  } else if (const auto ns = sim::pcscd_network_namespace();
             !ns.empty() && sim::is_our_network_namespace(ns)) {
    err << (tr ? "Not: çalışan pcscd bu makinenin ağında; vsmartcard-vpcd okuyucusu her adreste dinler. "
                 "pcscd'yi durdurun, demo kendi pcscd'sini yalnız yerel ağla başlatır.\n"
               : "Note: the running pcscd is in this machine's network, where a vsmartcard-vpcd reader "
                 "listens on every address. Stop it and the demo starts its own, with a loopback only.\n");
  }
  platform::child_process card(
      {virtual_card->string(), "--fixture", (work / "card.json").string(), "--netns", "pcscd"},
      (logs / "virtual-card.log").string());
  std::vector<std::string> sim_args{
      portal_sim->string(),       "--accounts",  (work / "accounts.json").string(), "--ca-out",
      (work / "ca.pem").string(), "--port-file", (work / "portal.port").string(),   "--demo"};
  if (!o.test_token.empty()) sim_args.insert(sim_args.end(), {"--test-token", o.test_token});
  platform::child_process portal(sim_args);  // its SMS lines go to this terminal
  if (!wait_for_file(work / "portal.port", std::chrono::seconds(10))) {
    err << "Error: the portal simulator did not start\n";
    return 1;
  }
  int portal_port = 0;
  std::ifstream(work / "portal.port") >> portal_port;

  asio::io_context io(1);
  const auto credential = random_token();
  const auto ro = embedded_relay_options(*companion, credential);
  // --lan: the relay on the LAN address, and the QR pointing there (a phone cannot use 127.0.0.1).
  auto bind = asio::ip::make_address("127.0.0.1");
  if (o.lan) {
    const auto lan = lan_address(io);
    if (!lan) {
      err << (tr ? "Hata: bu makinenin ağ adresi bulunamadı (--lan).\n"
                 : "Error: this machine's LAN address was not found (--lan).\n");
      return 1;
    }
    bind = *lan;
  }
  relay::relay_server relay(io, nullptr, asio::ip::tcp::endpoint(bind, o.relay_port), ro, err);
  journey::status_board board;
  journey::desktop_page desktop(io, board, random_token(), o.desktop_port);
  std::thread io_thread([&io] {
    auto guard = asio::make_work_guard(io);
    io.run();
  });

  journey::journey_config cfg;
  const auto logger = open_log(o.log, out);
  cfg.log = logger.get();
  logger->info("start", {{"command", "demo"}});
  cfg.relay = {bind.to_string(), relay.port(), nullptr, credential};
  cfg.companion_origin = "http://" + bind.to_string() + ":" + std::to_string(relay.port());
  if (o.lan) {
    cfg.qr_flags = 1;
    cfg.lan = lan_hint_of(bind, relay.port());
  }
  cfg.profile = portal::builtin_profile();
  cfg.profile.entry_url = "https://127.0.0.1:" + std::to_string(portal_port) + "/";
  cfg.http.ca_file = (work / "ca.pem").string();
  cfg.reader = "Virtual PCD 00 00";

  say("e-imza companion — tanıtım: portal benzetimi, sanal kart ve aktarıcı bu makinede çalışıyor.",
      "e-imza companion — demo: the portal simulator, a virtual card and the relay run on this machine.");
  out << (tr ? "Masaüstü sayfası: " : "Desktop page: ") << desktop.url() << std::endl;
  out << (tr ? "Telefon sayfası (aynı makinede): " : "Phone page (this machine): ") << cfg.companion_origin
      << "/c" << std::endl;
  out << (tr ? "Portal benzetimi: " : "Portal simulator: ") << "https://127.0.0.1:" << portal_port
      << "/ (CA: " << (work / "ca.pem").string() << ")" << std::endl;
  say("Sonra: QR kodunu telefonla okutun, telefonda görünen 6 haneli kodu masaüstü sayfasına yazın ve "
      "telefondaki adımları izleyin.\n"
      "Tanıtım hesabının Güvenlik Sözcüğü README.md'de yazar (bu çıktıda hiçbir gizli bilgi yer almaz); SMS "
      "kodu aşağıda\n"
      "'portal-sim: SMS' satırında görünür (benzetim, gerçek SMS yerine).",
      "Next: scan the QR with the phone, type the 6-digit code the phone shows on the desktop page, then "
      "follow the phone.\n"
      "The demo account's security word is in README.md (no secret is ever printed here); the SMS code "
      "appears below in\n"
      "the 'portal-sim: SMS' line (the simulator's stand-in for a real SMS).");

  auto stop_helpers = [&] {
    portal.stop();
    card.stop();
    if (pcscd) pcscd->stop();
    std::error_code ec;
    fs::remove_all(work, ec);
  };
  const int rc = run_journey_on_terminal(
      io, cfg, board, {o.lang, o.tray, [&desktop] { return desktop.url(); }}, out, stop_helpers);
  asio::post(io, [&] { relay.shutdown(std::chrono::seconds(2), [&io] { io.stop(); }); });
  io_thread.join();
  stop_helpers();
  return rc;
}

}  // namespace eimza::app
