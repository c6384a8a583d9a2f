// ntlm-proxy USER PASSWORD: the test CONNECT proxy asking for NTLM sign-in, as a program (for
// the Windows build's tests under wine, scripts/windows). Prints its port, runs until SIGTERM/SIGINT.
#include <csignal>
#include <iostream>

#include "connect_proxy.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: ntlm-proxy USER PASSWORD\n";
    return 2;
  }
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);  // before the proxy's threads start: they inherit it
  eimza::test::connect_proxy proxy(eimza::test::connect_proxy::ntlm_account{argv[1], argv[2]});
  std::cout << proxy.port() << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  return 0;
}
