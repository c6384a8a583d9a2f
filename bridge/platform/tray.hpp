#pragma once
// The desktop's tray icon and notifications, behind a small interface so each platform has its
// own backend:
//   Linux   — tray_linux.cpp: libayatana-appindicator (StatusNotifierItem on D-Bus) + libnotify,
//             on its own GTK thread.
//   Windows — tray_windows.cpp: Shell_NotifyIconW owned by a hidden window on its own thread,
//             the menu on a right click, the desktop page on a left click, balloon notifications
//             (shown as toasts by Windows 10/11); part of bridge.exe.
//   macOS   — to add: NSStatusItem + NSMenu on the main thread, UNUserNotificationCenter;
//             PCSC.framework for the reader.
// Without a desktop session (Linux: no DISPLAY/WAYLAND_DISPLAY; Windows: no notification area)
// make_tray returns nullptr and the bridge runs headless: terminal, desktop page and log only.
#include <functional>
#include <memory>
#include <string>

namespace eimza::platform {

enum class tray_state { waiting_card, waiting_phone, in_progress, done, error };
[[nodiscard]] const char* tray_icon_name(tray_state s) noexcept;

/// A menu entry: its label, already in the person's language (the catalogue is the caller's), and
/// what it does.
struct tray_item {
  std::string label;
  std::function<void()> run;
};

struct tray_actions {
  tray_item open_page;  // show the QR / open the desktop page
  tray_item cancel;
  tray_item quit;
};

class tray {
 public:
  virtual ~tray() = default;
  /// Icon + tooltip (any thread).
  virtual void set_state(tray_state s, const std::string& tooltip) = 0;
  /// A desktop notification for something that needs the person (any thread).
  virtual void notify(const std::string& title, const std::string& body) = 0;
};

/// The platform's tray, or nullptr with the reason in why_not (headless, library missing).
[[nodiscard]] std::unique_ptr<tray> make_tray(const std::string& app_id, const std::string& title,
                                              tray_actions actions, std::string& why_not);

}  // namespace eimza::platform
