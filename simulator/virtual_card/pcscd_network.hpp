#pragma once
// Where vpcd can be reached: pcscd's network namespace. The demo and the tests start pcscd in a
// namespace of its own (only a loopback), because vsmartcard-vpcd listens on every address of
// pcscd's namespace; the virtual card joins that namespace to insert itself (issue #14).
#include <string>

namespace eimza::sim {

/// "/proc/<pid>/ns/net" of the running pcscd (from /run/pcscd/pcscd.pid), or "" when none runs.
[[nodiscard]] std::string pcscd_network_namespace();
/// The namespace at path is the one this process is in.
[[nodiscard]] bool is_our_network_namespace(const std::string& path);
/// Joins the network namespace at path ("pcscd": the running pcscd's); nothing to do when it is
/// ours already, else needs CAP_SYS_ADMIN. Call before any thread starts. false + why on failure.
[[nodiscard]] bool join_network_namespace(std::string path, std::string& why);

}  // namespace eimza::sim
