// `bridge run`: the journey for real — the Kamu SM portal (built-in profile, or another one), the
// card in a real reader (APDUs or the vendor's PKCS#11 module), and the phone through a relay
// (wss://…, which also serves the web companion) or on the LAN (the embedded relay here).
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <iostream>
#include <regex>
#include <thread>

#include "app/app_files.hpp"
#include "app/app_text.hpp"
#include "app/commands.hpp"
#include "app/journey_runner.hpp"
#include "journey/desktop_page.hpp"
#include "journey/journey.hpp"
#include "platform/system_proxy.hpp"
#include "portal/http_client_loader.hpp"
#include "relay/relay_server.hpp"

namespace eimza::app {
namespace asio = boost::asio;

namespace {

struct relay_url_parts {
  bool tls = false;
  std::string host;
  unsigned short port = 0;
};

std::optional<relay_url_parts> parse_relay_url(const std::string& url) {
  static const std::regex re(
      R"(^(wss?)://([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::([0-9]{1,5}))?/?$)");
  std::smatch m;
  if (!std::regex_match(url, m, re)) return std::nullopt;
  relay_url_parts p;
  p.tls = m[1] == "wss";
  p.host = m[2];
  if (p.host.front() == '[') p.host = p.host.substr(1, p.host.size() - 2);
  const long port = m[3].matched ? std::stol(m[3]) : (p.tls ? 443 : 80);
  if (port < 1 || port > 65535) return std::nullopt;
  p.port = static_cast<unsigned short>(port);
  return p;
}

std::string origin_of(bool tls, const std::string& host, unsigned short port) {
  const bool v6 = host.find(':') != std::string::npos;
  std::string o = std::string(tls ? "https://" : "http://") + (v6 ? "[" + host + "]" : host);
  if (port != (tls ? 443 : 80)) o += ":" + std::to_string(port);
  return o;
}

}  // namespace

int run_run(const run_options& o, std::ostream& out, std::ostream& err) {
  auto say = [&](const ui::message& m) { return ui::say(o.lang, m); };
  auto error = [&](const ui::message& m) {
    err << say(ui::text_id::error_prefix) << ": " << say(m) << "\n";
    return 2;
  };
  if (o.relay_url.empty() == !o.lan) return error(app_text::run_choose_path);
  if (o.lan_cert.empty() != o.lan_key.empty()) return error(app_text::run_lan_cert_pair);

  journey::journey_config cfg;
  const auto logger = open_log(o.log, out);
  cfg.log = logger.get();
  logger->info("start", {{"command", "run"}});
  try {
    cfg.profile = o.profile_file.empty() ? portal::builtin_profile() : portal::load_profile(o.profile_file);
  } catch (const std::exception& e) {
    return error({app_text::run_profile_unreadable, {{"why", e.what()}}});
  }
  if (!o.portal_url.empty()) {
    if (o.portal_url.rfind("https://", 0) != 0) return error(app_text::run_portal_https);
    cfg.profile.entry_url = o.portal_url;
  }
  cfg.http.ca_file = o.portal_ca;
  cfg.http.proxy = o.proxy;
  cfg.reader = o.reader;
  cfg.pkcs11_module = o.pkcs11_module;
  cfg.skip_virtual_readers = true;  // the real journey: hardware readers, or the one --reader names
  cfg.card_wait = o.card_wait;

  asio::io_context io(1);
  std::unique_ptr<asio::ssl::context> lan_tls;
  std::unique_ptr<relay::relay_server> embedded;
  try {
    if (!o.relay_url.empty()) {
      const auto parts = parse_relay_url(o.relay_url);
      if (!parts) return error(app_text::run_relay_url);
      // The relay link goes through the same proxy as the portal would (--proxy, the environment,
      // Windows' Internet settings): an institution's network allows nothing else out.
      cfg.relay = {parts->host,
                   parts->port,
                   parts->tls ? journey::phone_link::client_tls(o.relay_ca) : nullptr,
                   {},
                   platform::proxy_for(o.relay_url, o.proxy),
                   {}};
      if (!cfg.relay.proxy.empty()) {  // the tunnel through it is libcurl's, from the HTTP module
        std::string why_not;
        cfg.relay.tunnel = portal::load_tunnel_opener(why_not);
        if (!cfg.relay.tunnel) logger->warn("relay_proxy_tunnel", {{"why", why_not}});
      }
      cfg.companion_origin = origin_of(parts->tls, parts->host, parts->port);
      cfg.qr_flags = 2;
    } else {
      const auto companion = find_companion();
      if (!companion) return error(app_text::run_no_companion);
      asio::ip::address addr;
      if (!o.lan_address.empty()) {
        boost::system::error_code ec;
        addr = asio::ip::make_address(o.lan_address, ec);
        if (ec) return error(app_text::run_lan_address_bad);
      } else if (auto a = lan_address(io)) {
        addr = *a;
      } else {
        return error(app_text::run_no_lan_address);
      }
      if (!o.lan_cert.empty()) {
        lan_tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
        // Its own TLS floor, whatever the library's default: TLS 1.2.
        lan_tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1);
        lan_tls->use_certificate_chain_file(o.lan_cert);
        lan_tls->use_private_key_file(o.lan_key, asio::ssl::context::pem);
      }
      const auto credential = random_token();
      embedded =
          std::make_unique<relay::relay_server>(io, lan_tls.get(), asio::ip::tcp::endpoint(addr, o.lan_port),
                                                embedded_relay_options(*companion, credential), err);
      const auto port = embedded->port();
      cfg.relay = {addr.to_string(),
                   port,
                   lan_tls ? journey::phone_link::client_tls(o.lan_cert) : nullptr,
                   credential,
                   {},  // on this machine: never through a proxy
                   {}};
      cfg.companion_origin = origin_of(lan_tls != nullptr, addr.to_string(), port);
      cfg.qr_flags = 1;
      cfg.lan = lan_hint_of(addr, port);
    }
  } catch (const boost::system::system_error& e) {
    return error({app_text::run_network_setup, {{"why", e.what()}}});
  }

  journey::status_board board;
  journey::desktop_page desktop(io, board, random_token(), o.desktop_port);
  std::thread io_thread([&io] {
    auto guard = asio::make_work_guard(io);
    io.run();
  });
  out << say({app_text::desktop_page, {{"url", desktop.url()}}}) << std::endl;
  out << say({app_text::portal, {{"url", cfg.profile.entry_url}}}) << std::endl;
  out << say({app_text::phone_page, {{"url", cfg.companion_origin + "/c"}}}) << std::endl;
  if (o.lan && !lan_tls) out << say(app_text::run_plain_http) << std::endl;
  out << say(app_text::run_next) << std::endl;

  const int rc = run_journey_on_terminal(io, cfg, board,
                                         {o.lang, o.tray, [&desktop] { return desktop.url(); }}, out, [] {});
  // The page's last screen (done, or what went wrong and what to do next) reaches it before the
  // server goes away.
  (void)desktop.wait_shown(board.snapshot().version, std::chrono::seconds(3));
  asio::post(io, [&] {
    if (embedded)
      embedded->shutdown(std::chrono::seconds(2), [&io] { io.stop(); });
    else
      io.stop();
  });
  io_thread.join();
  return rc;
}

}  // namespace eimza::app
