#pragma once
// An in-memory run of both ends of BridgeLink (pairing, SAS, a step, resume, a tampered frame)
// that `bridge demo` shows before the real journey exists end to end. Each check says what it
// proved; nothing secret is part of the result.
#include <string>
#include <vector>

#include "bridgelink/qr_rotation.hpp"
#include "ui/text.hpp"

namespace eimza::selfcheck {

struct check_result {
  ui::text_id what;
  bool ok = false;
  std::string detail;  // protocol error name when not ok
};

/// Runs the checks against one QR ticket the bridge is showing.
[[nodiscard]] std::vector<check_result> run_protocol_selfcheck(
    const bridgelink::noise::keypair& bridge_static, const bridgelink::qr_ticket& ticket,
    bridgelink::random_source& rng);

}  // namespace eimza::selfcheck
