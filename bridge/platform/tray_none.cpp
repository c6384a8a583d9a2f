// No tray on this build (the libraries were missing, or a platform without a backend yet).
#include "platform/tray.hpp"

namespace eimza::platform {

std::unique_ptr<tray> make_tray(const std::string&, const std::string&, tray_actions, std::string& why_not) {
  why_not = "built without tray support";
  return nullptr;
}

}  // namespace eimza::platform
