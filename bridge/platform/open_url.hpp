#pragma once
// Opens a URL in the person's browser (xdg-open on Linux), without waiting for it.
#include <string>

namespace eimza::platform {

/// false when the opener could not be started.
bool open_url(const std::string& url);

/// Opens a URL that must not appear on any command line (other local users read /proc/*/cmdline):
/// it goes into a 0600 HTML file in a private directory that redirects the browser there, and
/// only the file's path is handed to xdg-open. The file is removed after 30 s.
bool open_url_privately(const std::string& url);
/// The launch file open_url_privately writes (its path; empty on failure). For tests.
[[nodiscard]] std::string write_launch_file(const std::string& url);

}  // namespace eimza::platform
