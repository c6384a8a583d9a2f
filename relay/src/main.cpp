// relay — the BridgeLink blind relay (standalone). Serves /v1/new/<id>, /v1/connect/<id>,
// /healthz and the web companion's files; /metrics on its own listener (loopback by default).
//   relay [--bind 0.0.0.0] [--port 8443] --cert FILE --key FILE [--static DIR] [options]
//   relay --plain-http ...   (no TLS: only behind a TLS-terminating proxy or for tests)
// SIGTERM/SIGINT: stop accepting, close every peer with 1001, exit within --grace seconds.
#ifndef _WIN32
#include <sys/resource.h>
#endif

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "platform/private_files.hpp"
#include "platform/program_text.hpp"
#include "relay/relay_server.hpp"
#include "relay/run_loop.hpp"

namespace po = boost::program_options;
namespace asio = boost::asio;

int main(int argc, char** argv) {
  const eimza::platform::program_text text(argc, argv);  // UTF-8 arguments and console
  po::options_description desc("relay options");
  desc.add_options()("help,h", "this help")("bind", po::value<std::string>()->default_value("0.0.0.0"),
                                            "address")("port", po::value<int>()->default_value(8443),
                                                       "port (0: any free port)")(
      "port-file", po::value<std::string>(), "write the port here once listening")(
      "cert", po::value<std::string>(), "TLS certificate chain (PEM)")("key", po::value<std::string>(),
                                                                       "TLS key (PEM)")(
      "plain-http", "serve without TLS (only behind a TLS terminator, or for tests)")(
      "static", po::value<std::string>()->default_value(""), "directory of the web companion's files")(
      "channel-ttl", po::value<int>()->default_value(600), "seconds a channel may live")(
      "header-timeout", po::value<int>()->default_value(10), "seconds to receive a request head")(
      "idle-timeout", po::value<int>()->default_value(40),
      "seconds of silence before a peer is closed (pings at half)")(
      "write-timeout", po::value<int>()->default_value(30),
      "seconds a write may stall before the peer is closed")(
      "per-ip", po::value<int>()->default_value(64),
      "connections per client address that are not in a channel (HTTP, upgrades)")(
      "channels-per-ip", po::value<int>()->default_value(256),
      "channels a client address holds open (an institution behind one NAT is one address)")(
      "max-frame", po::value<int>()->default_value(65536), "bytes per message")(
      "trusted-proxy", po::value<std::vector<std::string>>()->composing(),
      "address of a proxy (HAProxy) whose X-Forwarded-For is believed: its last entry (repeatable)")(
      "proxy-protocol", "trusted proxies send a PROXY protocol v2 header first (HAProxy send-proxy-v2)")(
      "allowed-origin", po::value<std::vector<std::string>>()->composing(),
      "another origin whose pages may open channels (besides the relay's own; repeatable)")(
      "max-connections", po::value<int>()->default_value(8192),
      "all connections at once (kept below the fd limit)")(
      "metrics-bind", po::value<std::string>()->default_value("127.0.0.1"),
      "address of the /metrics listener")("metrics-port", po::value<int>()->default_value(9464),
                                          "port of the /metrics listener (0: any free port)")(
      "metrics-port-file", po::value<std::string>(), "write the metrics port here once listening")(
      "grace", po::value<int>()->default_value(5), "seconds to close peers on SIGTERM")(
      "busy-poll-us", po::value<int>()->default_value(200),
      "after work, poll up to this many microseconds before sleeping, adapted to the traffic (0-1000; "
      "0: sleep at once, less CPU, slower round trips)")("quiet", "do not log connections");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(text.args()).options(desc).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    if (!vm.count("plain-http") && (!vm.count("cert") || !vm.count("key")))
      throw po::error("TLS needs --cert and --key (or --plain-http behind a TLS terminator)");
    if (vm["metrics-port"].as<int>() < 0 || vm["metrics-port"].as<int>() > 65535)
      throw po::error("--metrics-port must be 0-65535");
    if (vm["busy-poll-us"].as<int>() < 0 || vm["busy-poll-us"].as<int>() > 1000)
      throw po::error("--busy-poll-us must be 0-1000");
    for (const char* k : {"channel-ttl", "header-timeout", "idle-timeout", "write-timeout", "per-ip",
                          "channels-per-ip", "max-frame", "grace", "max-connections"})
      if (vm[k].as<int>() <= 0) throw po::error(std::string("--") + k + " must be positive");
  } catch (const po::error& e) {
    std::cerr << "relay: " << e.what() << "\n";
    return 2;
  }
#ifndef _WIN32
  // Many peers: raise the soft descriptor limit to the hard one.
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
#endif
  try {
    eimza::relay::relay_options o;
    o.static_dir = vm["static"].as<std::string>();
    o.channel_ttl = std::chrono::seconds(vm["channel-ttl"].as<int>());
    o.header_timeout = std::chrono::seconds(vm["header-timeout"].as<int>());
    o.idle_timeout = std::chrono::seconds(vm["idle-timeout"].as<int>());
    o.write_timeout = std::chrono::seconds(vm["write-timeout"].as<int>());
    o.per_ip_limit = static_cast<std::size_t>(vm["per-ip"].as<int>());
    o.channels_per_ip = static_cast<std::size_t>(vm["channels-per-ip"].as<int>());
    o.max_frame = static_cast<std::size_t>(vm["max-frame"].as<int>());
    o.proxy_protocol = vm.count("proxy-protocol") != 0;
    if (o.proxy_protocol && !vm.count("trusted-proxy"))
      throw std::invalid_argument("--proxy-protocol needs --trusted-proxy (whose headers are believed)");
    if (vm.count("trusted-proxy"))
      for (const auto& a : vm["trusted-proxy"].as<std::vector<std::string>>())
        o.trusted_proxies.push_back(asio::ip::make_address(a).to_string());  // throws on a bad address
    if (vm.count("allowed-origin")) o.allowed_origins = vm["allowed-origin"].as<std::vector<std::string>>();
    o.max_connections = static_cast<std::size_t>(vm["max-connections"].as<int>());
    // /metrics is for the operator: its own listener, loopback by default, not the public port.
    o.serve_metrics = false;
    o.metrics_endpoint = asio::ip::tcp::endpoint(asio::ip::make_address(vm["metrics-bind"].as<std::string>()),
                                                 static_cast<unsigned short>(vm["metrics-port"].as<int>()));
    o.log_connections = vm.count("quiet") == 0;

    asio::io_context io(1);
    std::optional<asio::ssl::context> tls;
    if (!vm.count("plain-http")) {
      tls.emplace(asio::ssl::context::tls_server);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1);
      tls->use_certificate_chain_file(vm["cert"].as<std::string>());
      tls->use_private_key_file(vm["key"].as<std::string>(), asio::ssl::context::pem);
    }
    const asio::ip::tcp::endpoint at(asio::ip::make_address(vm["bind"].as<std::string>()),
                                     static_cast<unsigned short>(vm["port"].as<int>()));
    eimza::relay::relay_server server(io, tls ? &*tls : nullptr, at, o, std::cerr);
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
      std::cerr << "relay: shutting down" << std::endl;
      server.shutdown(std::chrono::seconds(vm["grace"].as<int>()), [&io] { io.stop(); });
    });
    // 0600, never through a link, complete or not at all (platform/private_files).
    if (vm.count("metrics-port-file"))
      eimza::platform::publish_private_file(vm["metrics-port-file"].as<std::string>(),
                                            std::to_string(server.metrics_port()) + "\n");
    if (vm.count("port-file"))
      eimza::platform::publish_private_file(vm["port-file"].as<std::string>(),
                                            std::to_string(server.port()) + "\n");
    std::cerr << "relay: listening on " << (tls ? "https" : "http") << "://" << vm["bind"].as<std::string>()
              << ":" << server.port() << "/ (metrics: http://" << vm["metrics-bind"].as<std::string>() << ":"
              << server.metrics_port() << "/metrics)" << std::endl;
    eimza::relay::run_loop(io, std::chrono::microseconds(vm["busy-poll-us"].as<int>()), &server.polling());
  } catch (const std::exception& e) {
    std::cerr << "relay: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
