#include "ui/terminal_qr.hpp"

namespace eimza::ui {

qrcodegen::QrCode make_qr(std::string_view text) {
  return qrcodegen::QrCode::encodeText(std::string(text).c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
}

std::string render_half_blocks(const qrcodegen::QrCode& qr, int quiet) {
  const int size = qr.getSize();
  // Outside the symbol counts as light (the quiet zone).
  auto light = [&](int x, int y) { return x < 0 || y < 0 || x >= size || y >= size || !qr.getModule(x, y); };
  std::string out;
  for (int y = -quiet; y < size + quiet; y += 2) {
    for (int x = -quiet; x < size + quiet; ++x) {
      const bool top = light(x, y);
      const bool bottom = y + 1 < size + quiet ? light(x, y + 1) : false;
      if (top && bottom)
        out += "\u2588";  // █
      else if (top)
        out += "\u2580";  // ▀
      else if (bottom)
        out += "\u2584";  // ▄
      else
        out += ' ';
    }
    out += '\n';
  }
  return out;
}

}  // namespace eimza::ui
