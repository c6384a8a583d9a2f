#include <cstdlib>

#include "platform/proxy_rules.hpp"
#include "platform/system_proxy.hpp"

namespace eimza::platform {

namespace {

std::string environment(const char* lower_name, const char* upper_name) {
  for (const char* n : {lower_name, upper_name})
    if (const char* v = std::getenv(n); v && *v) return v;
  return {};
}

}  // namespace

std::string proxy_for(const std::string& url, const std::string& configured) {
  if (!configured.empty()) return configured;
  const auto u = split_url(url);
  const auto env = !environment("https_proxy", "HTTPS_PROXY").empty()
                       ? environment("https_proxy", "HTTPS_PROXY")
                       : environment("all_proxy", "ALL_PROXY");
  if (!env.empty())
    return no_proxy_matches(environment("no_proxy", "NO_PROXY"), u.host) ? std::string() : env;
  return system_proxy_for(url).proxy;
}

}  // namespace eimza::platform
