#pragma once
// Optional parts of the bridge live in modules loaded only when used, so the programs start with
// few libraries mapped (bench B5): libeimza-tray.so (GTK, AppIndicator, libnotify) and
// libeimza-http.so (libcurl, whose Debian build brings ~27 libraries: TLS, Kerberos, LDAP...).
// A module is looked up next to the program, in ../lib/eimza, then /usr/lib/eimza.
#include <string>

namespace eimza::platform {

/// The address of `symbol` in module `file_name` (e.g. "libeimza-http.so"), loaded once and kept
/// for the process; nullptr with the reason in why_not.
[[nodiscard]] void* module_symbol(const std::string& file_name, const char* symbol, std::string& why_not);

}  // namespace eimza::platform
