#pragma once
// Where the bridge finds what it ships with (helper programs, the web companion), in the build
// tree or installed under /usr, and the per-run token of the desktop page.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "bridgelink/qr_payload.hpp"
#include "relay/relay_server.hpp"

namespace eimza::app {

/// A helper program: "portal-sim" or "virtual-card".
[[nodiscard]] std::optional<std::filesystem::path> find_helper(std::string_view name);
/// The web companion's directory (index.html, src/, vendor/, i18n/).
[[nodiscard]] std::optional<std::filesystem::path> find_companion();
/// 128 random bits, base64url: the desktop page's per-run token.
[[nodiscard]] std::string random_token();

/// The relay the bridge runs itself (demo, run --lan): the built companion as its static root, no
/// metrics and no connection log, and `credential` (random_token() per run) as the one secret
/// that opens channels on it — our own phone_link sends it; pages cannot.
[[nodiscard]] relay::relay_options embedded_relay_options(const std::filesystem::path& companion,
                                                          const std::string& credential);

/// The address other devices on the LAN reach this machine at: the source address of the default
/// route (nullopt when there is none, or only loopback).
[[nodiscard]] std::optional<boost::asio::ip::address> lan_address(boost::asio::io_context& io);
/// The QR's hint that the phone may reach the bridge at addr:port directly.
[[nodiscard]] bridgelink::lan_hint lan_hint_of(const boost::asio::ip::address& addr, unsigned short port);

}  // namespace eimza::app
