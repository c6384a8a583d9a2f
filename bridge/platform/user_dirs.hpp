#pragma once
// Where a user's settings and state live: the XDG directories on Linux, the known folders on
// Windows (settings roam with the profile, logs stay on the machine). Empty when unknown.
#include <filesystem>

namespace eimza::platform {

/// $XDG_CONFIG_HOME/eimza or ~/.config/eimza; Windows: %APPDATA%\eimza.
[[nodiscard]] std::filesystem::path config_dir();
/// $XDG_STATE_HOME/eimza or ~/.local/state/eimza; Windows: %LOCALAPPDATA%\eimza.
[[nodiscard]] std::filesystem::path state_dir();

}  // namespace eimza::platform
