#pragma once
// Optional parts of the bridge live in modules loaded only when used, so the programs start with
// few libraries mapped (bench B5): libeimza-tray (GTK, AppIndicator, libnotify) and libeimza-http
// (libcurl, whose Debian build brings ~27 libraries: TLS, Kerberos, LDAP...). A module's file is
// its name with the system's suffix (libeimza-http.so, libeimza-http.dll), looked up next to the
// program, in ../lib/eimza, then (Linux) /usr/lib/eimza.
#include <string>

namespace eimza::platform {

/// "libeimza-http" → "libeimza-http.so" (Linux) or "libeimza-http.dll" (Windows).
[[nodiscard]] std::string module_file(const std::string& name);

/// The address of `symbol` in module `name` (e.g. "libeimza-http"), loaded once and kept for the
/// process; nullptr with the reason in why_not.
[[nodiscard]] void* module_symbol(const std::string& name, const char* symbol, std::string& why_not);

}  // namespace eimza::platform
