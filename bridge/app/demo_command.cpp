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
#include "app/app_text.hpp"
#include "app/commands.hpp"
#include "app/journey_runner.hpp"
#include "bridgelink/random.hpp"
#include "journey/desktop_page.hpp"
#include "journey/journey.hpp"
#include "platform/child_process.hpp"
#include "platform/path_wait.hpp"
#include "platform/private_files.hpp"
#include "relay/relay_server.hpp"
#include "virtual_card/pcscd_network.hpp"
#include "virtual_card/test_certificate.hpp"

namespace eimza::app {
namespace fs = std::filesystem;
namespace asio = boost::asio;

namespace {

// The demo's one portal account and the card that belongs to it (fixture data, not secrets).
// text-check: data (the fixture's security word)
constexpr std::string_view demo_accounts = R"([{"tckn": "10000000146", "security_word": "çiğdem",
  "phone": "05321234542", "card_serial": "0036267E57013B46", "pin": "482915", "puk": "73019264"}])";

bool wait_for_file(const fs::path& p, std::chrono::seconds t) {
  return platform::wait_for_path(p, t);
}

}  // namespace

int run_demo(const demo_options& o, std::ostream& out, std::ostream& err) {
  auto say = [&](const ui::message& m) { return ui::say(o.lang, m); };
  auto error = [&](const ui::message& m) { err << say(ui::text_id::error_prefix) << ": " << say(m) << "\n"; };
  const auto portal_sim = find_helper("portal-sim");
  const auto virtual_card = find_helper("virtual-card");
  const auto companion = find_companion();
  if (!portal_sim || !virtual_card || !companion) {
    error(app_text::demo_parts_missing);
    return 1;
  }
  if (!fs::exists(*companion / "vendor" / "libsodium.mjs")) {
    error(app_text::demo_vendor_missing);
    return 1;
  }
  // Fixtures hold the demo's PIN, PUK and security word: a fresh 0700 directory nobody else can
  // have prepared (mkdtemp), files created 0600 and never through a link.
  fs::path work;
  try {
    work = platform::make_private_dir("eimza-demo");
  } catch (const std::exception& e) {
    error({app_text::demo_workdir, {{"why", e.what()}}});
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
    error({app_text::demo_files, {{"why", e.what()}}});
    return 1;
  }

  // pcscd: use the running one, or start it when we are root.
  std::unique_ptr<platform::child_process> pcscd;
  if (!fs::exists("/run/pcscd/pcscd.comm")) {
    if (::geteuid() != 0 || !fs::exists("/usr/sbin/pcscd")) {
      error(app_text::demo_no_pcscd);
      return 1;
    }
    // In a network namespace of its own: vpcd listens on every address of pcscd's namespace,
    // which then has only a loopback (nothing on the LAN can insert a card into it).
    pcscd = std::make_unique<platform::child_process>(std::vector<std::string>{"/usr/sbin/pcscd", "-f"},
                                                      (logs / "pcscd.log").string(), true);
    if (!wait_for_file("/run/pcscd/pcscd.comm", std::chrono::seconds(10))) {
      error(pcscd->wait(std::chrono::milliseconds(0)) == 126 ? app_text::demo_pcscd_netns
                                                             : app_text::demo_pcscd_not_started);
      return 1;
    }
  } else if (const auto ns = sim::pcscd_network_namespace();
             !ns.empty() && sim::is_our_network_namespace(ns)) {
    err << say(app_text::demo_pcscd_shared) << "\n";
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
    error(app_text::demo_portal_not_started);
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
      error(app_text::demo_no_lan);
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
  cfg.relay = {bind.to_string(), relay.port(), nullptr, credential, {}, {}};  // on this machine: no proxy
  cfg.companion_origin = "http://" + bind.to_string() + ":" + std::to_string(relay.port());
  if (o.lan) {
    cfg.qr_flags = 1;
    cfg.lan = lan_hint_of(bind, relay.port());
  }
  cfg.profile = portal::builtin_profile();
  cfg.profile.entry_url = "https://127.0.0.1:" + std::to_string(portal_port) + "/";
  cfg.http.ca_file = (work / "ca.pem").string();
  cfg.reader = "Virtual PCD 00 00";

  out << say(app_text::demo_intro) << std::endl;
  out << say({app_text::desktop_page, {{"url", desktop.url()}}}) << std::endl;
  out << say({app_text::demo_phone_page, {{"url", cfg.companion_origin + "/c"}}}) << std::endl;
  out << say({app_text::demo_portal_sim,
              {{"url", "https://127.0.0.1:" + std::to_string(portal_port) + "/"},
               {"ca", (work / "ca.pem").string()}}})
      << std::endl;
  out << say(app_text::demo_next) << std::endl;

  auto stop_helpers = [&] {
    portal.stop();
    card.stop();
    if (pcscd) pcscd->stop();
    std::error_code ec;
    fs::remove_all(work, ec);
  };
  const int rc = run_journey_on_terminal(
      io, cfg, board, {o.lang, o.tray, [&desktop] { return desktop.url(); }}, out, stop_helpers);
  // The page's last screen (done, or what went wrong and what to do next) reaches it before the
  // server goes away.
  (void)desktop.wait_shown(board.snapshot().version, std::chrono::seconds(3));
  asio::post(io, [&] { relay.shutdown(std::chrono::seconds(2), [&io] { io.stop(); }); });
  io_thread.join();
  stop_helpers();
  return rc;
}

}  // namespace eimza::app
