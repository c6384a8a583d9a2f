#include "app/app_files.hpp"

#include <array>
#include <vector>

#include "bridgelink/bytes.hpp"
#include "bridgelink/random.hpp"

namespace eimza::app {
namespace fs = std::filesystem;
namespace {

fs::path self_dir() { return fs::read_symlink("/proc/self/exe").parent_path(); }

std::optional<fs::path> find_first(const std::vector<fs::path>& candidates) {
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::exists(c, ec)) return fs::canonical(c, ec);
  return std::nullopt;
}

}  // namespace

std::optional<fs::path> find_helper(std::string_view name) {
  const auto dir = self_dir();
  return find_first({dir / "../simulator" / name, dir / name, fs::path("/usr/lib/eimza") / name});
}

std::optional<fs::path> find_companion() {
  const auto dir = self_dir();
  return find_first({dir / "../../../web-companion", dir / "../share/eimza/web-companion", "/usr/share/eimza/web-companion"});
}

std::string random_token() {
  bridgelink::system_random rng;
  std::array<std::uint8_t, 16> b{};
  rng.fill(b);
  return bridgelink::to_base64url(b);
}

}  // namespace eimza::app
