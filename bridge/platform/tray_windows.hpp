#pragma once
// What the Windows tray's hidden window answers to, for its test (tests/platform/tray_windows_test):
// the window class it registers, the menu's command ids (WM_COMMAND) and the state's icon.
#include <windows.h>

#include "platform/tray.hpp"

namespace eimza::platform {

inline constexpr const wchar_t* tray_window_class = L"EimzaCompanionTray";
inline constexpr UINT_PTR tray_command_open_page = 1, tray_command_cancel = 2, tray_command_quit = 3;
inline constexpr UINT tray_icon_id = 1;
inline constexpr UINT tray_icon_message = WM_APP + 1;  // the icon's callback (NOTIFYICON_VERSION_4)

/// The state's icon from the program's resources (packaging/windows/tray_icons.rc), at the
/// notification area's size; nullptr when the program does not carry it.
[[nodiscard]] HICON tray_state_icon(tray_state s);

}  // namespace eimza::platform
