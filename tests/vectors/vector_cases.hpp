#pragma once
// BridgeLink v1 project vectors: every case is {"in": {...}, "out": {...}} and out is a pure
// function of in. Building a file computes out; checking recomputes and compares. The JS side
// (web-companion/test/support/project-vectors.mjs) implements the same functions.
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace bridgelink::vectors {

/// Sections in file order.
inline constexpr std::string_view sections[] = {"qr",          "pairing_keys", "resume_keys", "sas",
                                                "frames",      "messages",     "invalid",     "transcript",
                                                "error_codes", "link_session"};

/// Throws std::runtime_error when the input is unusable.
[[nodiscard]] boost::json::value compute_case(std::string_view section, const boost::json::object& in);

}  // namespace bridgelink::vectors
