#include "relay_process.hpp"

#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace eimza::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

relay_process::relay_process(std::vector<std::string> extra, std::vector<std::string> wrapper) {
  static std::atomic<int> n{0};
  dir_ = std::filesystem::temp_directory_path() /
         ("eimza-relay-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::create_directories(dir_);
  const auto port_file = dir_ / "port";
  const auto metrics_file = dir_ / "metrics-port";
  // EIMZA_RELAY_UNDER_TEST: another relay to run these tests against, as words separated by
  // spaces (scripts/windows: "wine64 …/relay.exe", the Windows build under wine).
  std::vector<std::string> argv;
  if (const char* other = std::getenv("EIMZA_RELAY_UNDER_TEST"); other && *other) {
    std::istringstream words(other);
    for (std::string w; words >> w;) argv.push_back(w);
  } else {
    argv.push_back(EIMZA_RELAY);
  }
  for (const std::string a : {"--bind", "127.0.0.1", "--port", "0", "--port-file"}) argv.push_back(a);
  argv.push_back(port_file.string());
  for (const std::string a : {"--metrics-port", "0", "--metrics-port-file"}) argv.push_back(a);
  argv.push_back(metrics_file.string());
  bool tls = false;
  for (const auto& a : extra) tls = tls || a == "--cert";
  if (!tls) argv.push_back("--plain-http");
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.insert(argv.begin(), wrapper.begin(), wrapper.end());
  proc_ = std::make_unique<child_process>(argv, (dir_ / "relay.log").string());
  for (int i = 0; i < 1200 && !std::filesystem::exists(port_file); ++i)  // wine may take seconds
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  std::ifstream(port_file) >> port_;
  if (port_ == 0) throw std::runtime_error("relay did not start: " + log());
  std::ifstream(metrics_file) >> metrics_port_;
}

relay_process::~relay_process() {
  proc_->stop();
  std::filesystem::remove_all(dir_);
}

std::string relay_process::log() const {
  std::ifstream in(dir_ / "relay.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::pair<int, std::string> relay_process::get(const std::string& path, std::string* headers,
                                               int on_port) const {
  asio::io_context io;
  beast::tcp_stream s(io);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                          static_cast<unsigned short>(on_port ? on_port : port_)));
  http::request<http::empty_body> req{http::verb::get, path, 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(s, req);
  beast::flat_buffer b;
  http::response<http::string_body> res;
  http::read(s, b, res);
  if (headers) {
    std::ostringstream o;
    for (const auto& f : res) o << f.name_string() << ": " << f.value() << "\n";
    *headers = o.str();
  }
  return {res.result_int(), res.body()};
}

double relay_process::metric_real(const std::string& name) const {
  const auto body = get("/metrics", nullptr, metrics_port_).second;
  std::istringstream in(body);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  return -1;
}

long relay_process::metric(const std::string& name) const {
  return static_cast<long>(metric_real(name));
}

ws_result ws_connect(int port, const std::string& target, const std::string& subprotocol,
                     const header_list& headers) {
  // The io_context must outlive the stream: one per thread, kept for the test's life.
  thread_local asio::io_context io;
  ws_result r;
  auto ws = std::make_unique<ws_stream>(io);
  beast::get_lowest_layer(*ws).connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  ws->set_option(websocket::stream_base::decorator([subprotocol, headers](websocket::request_type& req) {
    if (!subprotocol.empty()) req.set(http::field::sec_websocket_protocol, subprotocol);
    for (const auto& [k, v] : headers) req.set(k, v);
  }));
  websocket::response_type res;
  beast::error_code ec;
  ws->handshake(res, "127.0.0.1:" + std::to_string(port), target,
                ec);  // Host with the port, as browsers send it
  r.http_status = res.result_int();
  if (ec) return r;
  r.subprotocol = std::string(res[http::field::sec_websocket_protocol]);
  ws->binary(true);
  r.ws = std::move(ws);
  return r;
}

std::string random_channel() {
  static std::mt19937_64 rng(std::random_device{}());
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 32; ++i) s.push_back(hex[rng() % 16]);
  return s;
}

std::optional<std::string> ws_read(ws_stream& ws, int& close_code) {
  beast::flat_buffer b;
  beast::error_code ec;
  ws.read(b, ec);
  if (ec) {
    close_code = ws.reason().code;
    return std::nullopt;
  }
  return beast::buffers_to_string(b.data());
}

long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

long open_fds(pid_t pid) {
  long n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); ++it)
    ++n;
  return n;
}

}  // namespace eimza::test
