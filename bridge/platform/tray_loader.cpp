// make_tray: the tray backend lives in a module (libeimza-tray.so) next to the bridge or in
// /usr/lib/eimza, loaded only when a desktop session exists. GTK and its ~100 libraries are then
// not mapped by a headless bridge, `bridge selfcheck` or the demo in a terminal (bench B5).
#include <cstdlib>

#include "platform/module_loader.hpp"
#include "platform/tray.hpp"

namespace eimza::platform {
namespace {

using factory = tray* (*)(const std::string&, const std::string&, tray_actions, std::string&);

bool has_desktop_session() {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (display && *display) || (wayland && *wayland);
}

}  // namespace

std::unique_ptr<tray> make_tray(const std::string& app_id, const std::string& title, tray_actions actions,
                                std::string& why_not) {
  if (!has_desktop_session()) {
    why_not = "no desktop session (DISPLAY/WAYLAND_DISPLAY unset)";
    return nullptr;
  }
  auto make = reinterpret_cast<factory>(module_symbol("libeimza-tray", "eimza_make_tray", why_not));
  if (!make) {
    why_not = "no tray: " + why_not;
    return nullptr;
  }
  return std::unique_ptr<tray>(make(app_id, title, std::move(actions), why_not));
}

}  // namespace eimza::platform
