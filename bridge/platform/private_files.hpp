#pragma once
// Files and directories only this user can use, never reached through a link another user
// planted: what the bridge writes anywhere (demo fixtures, logs, child logs) goes through here.
#include <filesystem>
#include <string_view>

namespace eimza::platform {

/// A new directory (mkdtemp, 0700) named prefix-XXXXXX under $XDG_RUNTIME_DIR, else $TMPDIR, else
/// /tmp: unpredictable, never an existing one. Throws std::system_error.
[[nodiscard]] std::filesystem::path make_private_dir(std::string_view prefix);
/// Creates path (O_CREAT|O_EXCL|O_NOFOLLOW, 0600) and writes data. Anything already there — a file
/// or a symlink — is refused (std::system_error), and nothing is written through it.
void write_private_file(const std::filesystem::path& path, std::string_view data);
/// Writes path + ".tmp" like write_private_file, then renames it to path: readers see the whole
/// file or none (port files others wait for); a link at path is replaced, never followed.
void publish_private_file(const std::filesystem::path& path, std::string_view data);
/// Opens path for appending, creating it 0600, never through a symlink (O_NOFOLLOW). -1 on failure.
[[nodiscard]] int open_private_append(const std::filesystem::path& path);
/// Creates the directory and missing parents (0700 for those it creates); false when it is a
/// symlink or not owned by this user.
[[nodiscard]] bool ensure_private_dir(const std::filesystem::path& dir);

}  // namespace eimza::platform
