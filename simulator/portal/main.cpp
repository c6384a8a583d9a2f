// portal-sim: the Kamu SM portal simulator over real HTTPS with its own local CA.
//   portal-sim --accounts accounts.json [--port 0] [--ca-out ca.pem] [--port-file F]
//              [--test-token T] [--markup kamusm|alt|FILE.json] [--demo] [fault options]
// Prints "portal-sim: listening on https://127.0.0.1:PORT/" once ready. SIGTERM/SIGINT stop it.
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "bridgelink/random.hpp"
#include "platform/private_files.hpp"
#include "portal/https_server.hpp"
#include "portal/local_ca.hpp"
#include "portal/portal_app.hpp"

namespace po = boost::program_options;
namespace asio = boost::asio;

int main(int argc, char** argv) {
  po::options_description desc("portal-sim options");
  desc.add_options()("help,h", "this help")("accounts", po::value<std::string>()->required(),
                                            "accounts JSON file")(
      "bind", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on")(
      "port", po::value<int>()->default_value(0), "port (0: any free port)")(
      "ca-out", po::value<std::string>(), "write the CA certificate (PEM) here for clients to trust")(
      "port-file", po::value<std::string>(), "write the port here once listening")(
      "test-token", po::value<std::string>()->default_value(""), "token for /__test/* (empty: disabled)")(
      "markup", po::value<std::string>()->default_value("kamusm"),
      "kamusm, alt, or a markup JSON file (simulator/portal/markups)")(
      "demo", "print each simulated SMS to the terminal")("sms-ttl", po::value<int>()->default_value(180),
                                                          "SMS code lifetime, seconds")(
      "session-ttl", po::value<int>()->default_value(600), "idle session lifetime, seconds")(
      "latency-ms", po::value<int>()->default_value(0), "fault: delay every answer")(
      "fail-step", po::value<std::string>()->default_value(""), "fault: answer 503 on this step")(
      "drop-step", po::value<std::string>()->default_value(""), "fault: drop the connection on this step")(
      "slow-captcha-ms", po::value<int>()->default_value(0), "fault: delay the captcha image")(
      "expire-after-step", po::value<std::string>()->default_value(""),
      "fault: expire the session after this step");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "portal-sim: " << e.what() << "\n";
    return 2;
  }
  try {
    bridgelink::system_random rng;
    eimza::sim::portal_options opts;
    opts.markup = vm["markup"].as<std::string>();
    opts.test_token = vm["test-token"].as<std::string>();
    opts.sms_ttl = std::chrono::seconds(vm["sms-ttl"].as<int>());
    opts.session_ttl = std::chrono::seconds(vm["session-ttl"].as<int>());
    opts.faults.latency = std::chrono::milliseconds(vm["latency-ms"].as<int>());
    opts.faults.fail_step = vm["fail-step"].as<std::string>();
    opts.faults.drop_step = vm["drop-step"].as<std::string>();
    opts.faults.slow_captcha = std::chrono::milliseconds(vm["slow-captcha-ms"].as<int>());
    opts.faults.expire_after_step = vm["expire-after-step"].as<std::string>();
    eimza::sim::portal_app app(eimza::sim::load_accounts(vm["accounts"].as<std::string>()), opts, rng);
    if (vm.count("demo"))
      app.on_sms = [](const eimza::sim::sms_message& m) {
        std::cout << "portal-sim: SMS to " << m.phone << ": Kamu SM onay kodunuz / your code: " << m.code
                  << std::endl;
      };

    const auto tls_files = eimza::sim::make_local_tls();
    asio::ssl::context tls(asio::ssl::context::tls_server);
    tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                    asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                    asio::ssl::context::no_tlsv1_1);
    tls.use_certificate_chain(asio::buffer(tls_files.server_cert_pem));
    tls.use_private_key(asio::buffer(tls_files.server_key_pem), asio::ssl::context::pem);
    // Files the bridge goes on to trust: 0600, new, never through a link (platform/private_files).
    if (vm.count("ca-out"))
      eimza::platform::write_private_file(vm["ca-out"].as<std::string>(), tls_files.ca_cert_pem);

    asio::io_context io;
    const asio::ip::tcp::endpoint at(asio::ip::make_address(vm["bind"].as<std::string>()),
                                     static_cast<unsigned short>(vm["port"].as<int>()));
    eimza::sim::https_server server(io, tls, at,
                                    [&app](const eimza::sim::http_call& c) { return app.handle(c); });
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
      server.stop();
      io.stop();
    });
    if (vm.count("port-file"))
      eimza::platform::publish_private_file(vm["port-file"].as<std::string>(),
                                            std::to_string(server.port()) + "\n");
    std::cout << "portal-sim: listening on https://" << vm["bind"].as<std::string>() << ":" << server.port()
              << "/" << std::endl;
    io.run();
  } catch (const std::exception& e) {
    std::cerr << "portal-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
