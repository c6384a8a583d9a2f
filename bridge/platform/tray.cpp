#include "platform/tray.hpp"

namespace eimza::platform {

// Icon names (installed under share/icons/hicolor/scalable/status by the package).
const char* tray_icon_name(tray_state s) noexcept {
  switch (s) {
    case tray_state::waiting_card: return "eimza-waiting-card";
    case tray_state::waiting_phone: return "eimza-waiting-phone";
    case tray_state::in_progress: return "eimza-in-progress";
    case tray_state::done: return "eimza-done";
    case tray_state::error: return "eimza-error";
  }
  return "eimza-in-progress";
}

}  // namespace eimza::platform
