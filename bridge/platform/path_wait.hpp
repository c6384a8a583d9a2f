#pragma once
// Waiting for a file another process creates (a helper's port file, pcscd's socket), told by the
// kernel (inotify) rather than by looking again and again.
#include <chrono>
#include <filesystem>

namespace eimza::platform {

/// True once `path` exists, false after `timeout`. Watches the deepest directory of the path that
/// exists and looks again on each change there (a missing parent directory may appear first).
[[nodiscard]] bool wait_for_path(const std::filesystem::path& path, std::chrono::milliseconds timeout);

}  // namespace eimza::platform
