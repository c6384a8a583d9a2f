#pragma once
// Starts a relay process for a test and reads its /metrics; plus a small synchronous WebSocket
// client (Beast) speaking the relay's subprotocol.
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace eimza::test {

class relay_process {
 public:
  /// wrapper: a command the relay runs under (e.g. {"prlimit", "--nofile=100"}).
  explicit relay_process(std::vector<std::string> extra_args = {}, std::vector<std::string> wrapper = {});
  ~relay_process();
  [[nodiscard]] int port() const noexcept { return port_; }
  [[nodiscard]] int metrics_port() const noexcept { return metrics_port_; }
  [[nodiscard]] pid_t pid() const noexcept { return proc_->pid(); }
  [[nodiscard]] child_process& process() { return *proc_; }
  /// GET path over plain HTTP (on the public port, or another): status and body.
  [[nodiscard]] std::pair<int, std::string> get(const std::string& path, std::string* headers = nullptr,
                                                int on_port = 0) const;
  /// A metric's value from /metrics on the metrics listener ("relay_paired_total",
  /// "relay_closed_total{reason=\"oversize\"}").
  [[nodiscard]] long metric(const std::string& name) const;
  /// The same for a metric with a fractional value (seconds); -1 when absent.
  [[nodiscard]] double metric_real(const std::string& name) const;
  [[nodiscard]] std::string log() const;

 private:
  std::filesystem::path dir_;
  int port_ = 0, metrics_port_ = 0;
  std::unique_ptr<child_process> proc_;
};

using ws_stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

struct ws_result {
  std::unique_ptr<ws_stream> ws;  // null when the handshake failed
  int http_status = 0;            // the relay's answer when it refused the upgrade
  std::string subprotocol;
};

using header_list = std::vector<std::pair<std::string, std::string>>;
/// Opens /v1/<new|connect>/<channel> on 127.0.0.1:port (subprotocol bridgelink.v1 unless empty),
/// with extra request headers (Origin, X-Forwarded-For…).
[[nodiscard]] ws_result ws_connect(int port, const std::string& target,
                                   const std::string& subprotocol = "bridgelink.v1",
                                   const header_list& headers = {});

[[nodiscard]] std::string random_channel();
/// Reads one message; returns nullopt and sets close_code on close/error.
[[nodiscard]] std::optional<std::string> ws_read(ws_stream& ws, int& close_code);

/// Resident memory (KiB) and open descriptors of a process, from /proc.
[[nodiscard]] long rss_kib(pid_t pid);
[[nodiscard]] long open_fds(pid_t pid);

}  // namespace eimza::test
