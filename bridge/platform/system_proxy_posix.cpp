#include "platform/system_proxy.hpp"

namespace eimza::platform {

// libcurl follows https_proxy/no_proxy (the Linux desktop's proxy settings export them).
system_proxy system_proxy_for(const std::string&) {
  return {};
}

}  // namespace eimza::platform
