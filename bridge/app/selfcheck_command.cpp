// `bridge selfcheck`: a pairing QR and both ends of the protocol run in memory, with no network.
// (It was the first `bridge demo`; the demo now runs the whole journey.)
#include <chrono>
#include <ostream>

#include "app/commands.hpp"
#include "bridgelink/qr_rotation.hpp"
#include "platform/clock.hpp"
#include "selfcheck/protocol_selfcheck.hpp"
#include "ui/terminal_qr.hpp"

namespace eimza::app {

int run_selfcheck(const selfcheck_options& opts, std::ostream& out) {
  using ui::text;
  using ui::text_id;
  bridgelink::system_random rng;
  const auto bridge_static = bridgelink::noise::keypair::generate();
  const auto now = static_cast<std::uint64_t>(platform::unix_seconds());

  bridgelink::qr_rotation::options qo;
  qo.bridge_key = bridge_static.pub;
  qo.origin = opts.origin;
  bridgelink::qr_rotation rotation(qo, rng, now);
  auto ticket = rotation.current(now);
  if (!ticket) {
    out << text(opts.lang, text_id::error_prefix) << ": " << bridgelink::describe(ticket.error()) << "\n";
    return 1;
  }

  out << text(opts.lang, text_id::demo_title) << "\n\n" << text(opts.lang, text_id::scan_qr) << "\n";
  out << ui::render_half_blocks(ui::make_qr((*ticket)->url));
  out << text(opts.lang, text_id::qr_expires) << "\n\n";

  bool all_ok = true;
  if (opts.selfcheck) {
    out << text(opts.lang, text_id::selfcheck_title) << "\n";
    for (const auto& r : selfcheck::run_protocol_selfcheck(bridge_static, **ticket, rng)) {
      all_ok = all_ok && r.ok;
      out << "  [" << text(opts.lang, r.ok ? text_id::selfcheck_ok : text_id::selfcheck_failed) << "] "
          << text(opts.lang, r.what);
      if (!r.detail.empty()) out << " (" << r.detail << ")";
      out << "\n";
    }
    out << "\n";
  }
  out << text(opts.lang, text_id::next_steps) << "\n";
  return all_ok ? 0 : 1;
}

}  // namespace eimza::app
