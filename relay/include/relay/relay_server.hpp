#pragma once
// The blind relay: pairs two WebSocket peers per channel (/v1/new/<id> = bridge,
// /v1/connect/<id> = phone), forwards binary frames unchanged, never looks inside them, and
// serves the web companion's static files and /metrics. One io_context thread; scale out with
// more processes behind HAProxy (docs/relay.md). Used standalone (`relay`) and embedded in the
// bridge for LAN mode.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "relay/run_loop.hpp"

namespace eimza::relay {

struct relay_options {
  std::string static_dir;             // web companion files; empty: none served
  std::size_t max_frame = 64 * 1024;  // bytes per WebSocket message
  std::chrono::seconds channel_ttl{600};
  std::chrono::seconds header_timeout{10};  // to read the HTTP request head (slowloris)
  std::chrono::seconds idle_timeout{40};    // pings at half of it
  std::chrono::seconds write_timeout{30};   // a peer that stops reading is closed
  // Per client address, two budgets (an institution behind one NAT is one address): connections
  // not in a channel (plain HTTP, static files, upgrades in progress), counted from accept; and
  // channels it opened as the bridge. A connection in a channel is charged to the channel: the
  // bridge's to its address's channel budget, the phone's to nothing more (one per channel).
  std::size_t per_ip_limit = 64;
  std::size_t channels_per_ip = 256;
  std::size_t max_connections = 8192;          // all connections at once; kept below RLIMIT_NOFILE
  std::size_t max_addresses = 65536;           // client addresses tracked at once (the map is capped)
  std::size_t queue_high_water = 1024 * 1024;  // pause the sender above this many queued bytes
  std::size_t queue_low_water = 256 * 1024;    // resume below
  // TCP peers (HAProxy) whose X-Forwarded-For is believed: its rightmost entry, the one the proxy
  // appended. Anyone else's header is ignored.
  std::vector<std::string> trusted_proxies;
  // Connections from trusted_proxies start with a PROXY protocol v2 header (HAProxy
  // `send-proxy-v2`): its source is the client, charged at once; X-Forwarded-For is then ignored,
  // and a trusted proxy's connection without a valid header is closed.
  bool proxy_protocol = false;
  // WebSocket upgrades with an Origin header must come from the relay's own origin (the page it
  // serves: Origin host = Host) or one of these ("*": any). Requests without Origin (the bridge,
  // non-browser clients) are not browser pages and pass.
  std::vector<std::string> allowed_origins;
  // The embedded relay's per-run secret (empty: none, the public relay). When set, only requests
  // carrying it (bridge_credential_header) may open channels (/v1/new), and such a request is let
  // in even when its address's budget is spent, from a reserve of bridge_reserve connections:
  // pages in a browser (which cannot set that header) cannot starve the bridge of its channels.
  std::string bridge_credential;
  std::size_t bridge_reserve = 16;
  bool serve_metrics = true;  // /metrics on the public listener (off in the standalone relay)
  // Plain-HTTP listener for /metrics and /healthz only (the standalone relay: 127.0.0.1 by default).
  std::optional<boost::asio::ip::tcp::endpoint> metrics_endpoint;
  bool log_connections = true;
};

struct relay_metrics {
  std::uint64_t connections_total = 0, connections_current = 0;
  std::uint64_t channels_current = 0, paired_total = 0;
  std::uint64_t messages_forwarded = 0, bytes_forwarded = 0;
  std::uint64_t rejected_bad_path = 0, rejected_busy = 0, rejected_no_channel = 0, rejected_per_ip = 0,
                rejected_channels_per_ip = 0;
  std::uint64_t rejected_capacity = 0, rejected_origin = 0, accept_errors = 0;
  std::uint64_t addresses_tracked = 0;
  std::uint64_t closed_text_frame = 0, closed_oversize = 0, closed_slow_peer = 0, closed_ttl = 0;
  std::uint64_t output_buffer_bytes = 0;  // heap the peers' output buffers hold: summed when read
  polling_time polling;                   // kept by run_loop() when the relay program runs the loop
};

class relay_server {
 public:
  /// tls: null for plain HTTP/WebSocket (only when asked: tests, LAN behind TLS termination).
  relay_server(boost::asio::io_context& io, boost::asio::ssl::context* tls,
               const boost::asio::ip::tcp::endpoint& at, relay_options opts, std::ostream& log);
  ~relay_server();
  relay_server(const relay_server&) = delete;
  relay_server& operator=(const relay_server&) = delete;

  [[nodiscard]] unsigned short port() const;
  /// The metrics listener's port (0 without one).
  [[nodiscard]] unsigned short metrics_port() const;
  /// Stops accepting, closes every WebSocket with 1001 (going away); done() once all are gone
  /// or after grace. Call on the io_context's thread.
  void shutdown(std::chrono::seconds grace, std::function<void()> done);
  [[nodiscard]] const relay_metrics& metrics() const;
  /// For run_loop() to keep (the io thread's).
  [[nodiscard]] polling_time& polling();
  [[nodiscard]] std::string metrics_text() const;

  struct state;  // relay_server.cpp

 private:
  std::shared_ptr<state> state_;
};

}  // namespace eimza::relay
