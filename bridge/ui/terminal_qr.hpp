#pragma once
// QR codes for a terminal: two module rows per text line with Unicode half blocks, dark
// modules drawn as spaces on a light background so phones read it on dark or light themes.
#include <string>
#include <string_view>

#include <qrcodegen.hpp>

namespace eimza::ui {

inline constexpr int qr_quiet_zone = 2;  // modules; the standard asks 4, 2 scans fine on screens

/// Encodes text (byte mode or better, ECC medium).
[[nodiscard]] qrcodegen::QrCode make_qr(std::string_view text);

/// The code as lines of "█", "▀", "▄" and " " (light = block), quiet zone included.
[[nodiscard]] std::string render_half_blocks(const qrcodegen::QrCode& qr, int quiet = qr_quiet_zone);

}  // namespace eimza::ui
