// Finding of the security review (issue #14): vsmartcard-vpcd makes pcscd listen on
// 0.0.0.0:35963-35964 without authentication, and another host inserted a card that `bridge card`
// read. The tests and the demo now run pcscd in a network namespace of its own (only a loopback);
// the virtual card joins it. Checked from a non-loopback address made for the test: a second
// namespace joined to this host by a veth pair.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "child_process.hpp"

namespace {

int sh(const std::string& command) {
  int rc = 0;
  (void)eimza::test::run_capture(command + " 2>&1", rc);
  return rc;
}

// A TCP connect to address:port from inside the network namespace ns (a path or "ip netns" name).
bool reachable_from(const std::string& nsenter_net, const std::string& address, int port) {
  return sh("nsenter --net=" + nsenter_net + " timeout 3 bash -c 'exec 3<>/dev/tcp/" + address + "/" +
            std::to_string(port) + "'") == 0;
}

struct probe_namespace {
  std::string name = "eimza-probe-" + std::to_string(::getpid());
  std::string host_if = "eph" + std::to_string(::getpid() % 100000),
              probe_if = "epn" + std::to_string(::getpid() % 100000);
  bool ok = false;
  probe_namespace() {
    ok = sh("ip netns add " + name) == 0 &&
         sh("ip link add " + host_if + " type veth peer name " + probe_if) == 0 &&
         sh("ip link set " + probe_if + " netns " + name) == 0 &&
         sh("ip addr add 10.213.7.1/30 dev " + host_if) == 0 && sh("ip link set " + host_if + " up") == 0 &&
         sh("ip -n " + name + " addr add 10.213.7.2/30 dev " + probe_if) == 0 &&
         sh("ip -n " + name + " link set " + probe_if + " up") == 0 &&
         sh("ip -n " + name + " link set lo up") == 0;
  }
  ~probe_namespace() {
    (void)sh("ip link del " + host_if);
    (void)sh("ip netns del " + name);
  }
  [[nodiscard]] std::string path() const { return "/run/netns/" + name; }
};

}  // namespace

TEST(VpcdNetwork, NotReachableFromANonLoopbackAddress) {
  if (::geteuid() != 0) GTEST_SKIP() << "network namespaces need root (the CI runs as root)";
  std::ifstream pidfile("/run/pcscd/pcscd.pid");
  long pcscd = 0;
  ASSERT_TRUE(pidfile >> pcscd) << "pcscd is not running (the pcscd fixture starts it)";
  const std::string pcscd_net = "/proc/" + std::to_string(pcscd) + "/ns/net";
  // vpcd is there, inside pcscd's namespace (else "not reachable" below would prove nothing).
  ASSERT_TRUE(reachable_from(pcscd_net, "127.0.0.1", 35964)) << "vpcd does not listen in pcscd's namespace";

  probe_namespace probe;
  if (!probe.ok) GTEST_SKIP() << "cannot make a network namespace with a veth pair here";
  // Control: the probe does reach a port this host listens on at every address.
  const int control = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in any{};
  any.sin_family = AF_INET;
  socklen_t len = sizeof any;
  ASSERT_EQ(::bind(control, reinterpret_cast<sockaddr*>(&any), sizeof any), 0);
  ASSERT_EQ(::listen(control, 4), 0);
  ASSERT_EQ(::getsockname(control, reinterpret_cast<sockaddr*>(&any), &len), 0);
  EXPECT_TRUE(reachable_from(probe.path(), "10.213.7.1", ntohs(any.sin_port)))
      << "the probe's network is broken";
  ::close(control);

  for (const int port : {35963, 35964}) {
    EXPECT_FALSE(reachable_from(probe.path(), "10.213.7.1", port))
        << "vpcd reachable from the network on " << port;
    EXPECT_FALSE(reachable_from("/proc/self/ns/net", "127.0.0.1", port))
        << "vpcd reachable from this host's own namespace on " << port;
  }
}
