#pragma once
// Request targets the relay understands, parsed without I/O (and fuzzed):
//   /v1/new/<channel>      the bridge opens a channel
//   /v1/connect/<channel>  the phone joins it
// <channel> is exactly 32 lower-case hex characters (BridgeLink's 16-byte channel id).
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace eimza::relay {

enum class peer_role { bridge, phone };

enum class target_kind { channel, metrics, health, static_file, not_found, bad_channel };

/// A channel's id as the relay keeps it: the 16 bytes, not the 32 hex characters of the path
/// (no heap string per peer and per channel; #18, B4).
using channel_id = std::array<std::uint8_t, 16>;
struct channel_id_hash {
  std::size_t operator()(const channel_id& id) const noexcept {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(id.data()), id.size()));
  }
};
/// The id as the path spells it (32 lower-case hex digits).
[[nodiscard]] std::string to_hex(const channel_id& id);

struct parsed_target {
  target_kind kind = target_kind::not_found;
  peer_role role = peer_role::bridge;  // for channel
  channel_id channel{};                // for channel
  std::string file;                    // for static_file: a safe relative path ("index.html", "src/app.js")
};

inline constexpr std::size_t target_max = 2048;

/// The embedded relay's per-run secret, sent by its own bridge on /v1/new (relay_options).
inline constexpr const char* bridge_credential_header = "X-Bridge-Credential";

[[nodiscard]] parsed_target parse_target(std::string_view target);

}  // namespace eimza::relay
