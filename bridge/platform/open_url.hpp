#pragma once
// Opens a URL in the person's browser (xdg-open on Linux, the shell's default on Windows), without
// waiting for it.
#include <string>

namespace eimza::platform {

/// false when the opener could not be started.
bool open_url(const std::string& url);

/// Opens a URL that must not appear on any command line (other local users read /proc/*/cmdline):
/// it goes into a 0600 HTML file in a private directory that redirects the browser there, and
/// only the file's path is handed to xdg-open. The file is removed after 30 s.
bool open_url_privately(const std::string& url);
/// Hands an http(s) URL, or with `is_file` a local file's path, to the desktop's opener
/// (open_url_posix.cpp, open_url_windows.cpp). false when it could not be started.
bool launch_opener(const std::string& target, bool is_file = false);
/// The launch file open_url_privately writes (its path; empty on failure). For tests.
[[nodiscard]] std::string write_launch_file(const std::string& url);

}  // namespace eimza::platform
