#pragma once
// Page text encodings, as the Encoding Standard names them and as browsers decide them: the HTTP
// Content-Type charset, else a <meta charset> / http-equiv in the first 1024 bytes, else UTF-8.
// "iso-8859-9", "latin5" and "windows-1254" all mean windows-1254 (as in browsers). Conversion is
// glibc's iconv on Linux, the system's code page tables on Windows. Bodies may hold a PIN: results
// are secret_bytes and iconv's buffers are wiped.
#include <string>
#include <string_view>

#include "bridgelink/secret.hpp"

namespace eimza::portal {

/// "utf-8", "windows-1254", "windows-1252", … (lower case); "utf-8" for anything unknown.
[[nodiscard]] std::string encoding_for_label(std::string_view label);
[[nodiscard]] std::string page_charset(std::string_view content_type, bridgelink::byte_view body);
/// body as UTF-8; bytes the charset does not define become U+FFFD.
[[nodiscard]] bridgelink::secret_bytes to_utf8(bridgelink::byte_view body, std::string_view charset);
/// UTF-8 text in the page's charset for a form submission; a character the charset cannot hold
/// is sent as "&#N;", as browsers do.
[[nodiscard]] bridgelink::secret_bytes from_utf8(bridgelink::byte_view text, std::string_view charset);

}  // namespace eimza::portal
