#pragma once
// A few DER writers for the simulators' fixtures (TokenInfo, QCStatements): definite lengths up
// to 64 KiB, OIDs through OpenSSL.
#include <cstdint>
#include <string_view>

#include "bridgelink/bytes.hpp"

namespace eimza::sim::der {

/// Appends tag || length || value.
void append(bridgelink::bytes& out, std::uint8_t tag, bridgelink::byte_view value);
[[nodiscard]] bridgelink::bytes tlv(std::uint8_t tag, bridgelink::byte_view value);
/// OBJECT IDENTIFIER from its dotted form; throws std::invalid_argument for a bad one.
[[nodiscard]] bridgelink::bytes oid(std::string_view dotted);
[[nodiscard]] bridgelink::bytes small_integer(std::uint32_t v);

}  // namespace eimza::sim::der
