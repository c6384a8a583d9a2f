#include "portal/captcha_png.hpp"

#include <array>

namespace eimza::sim {
namespace {

// 5x7 glyphs for the captcha alphabet, one byte per row, low 5 bits used (MSB = left).
struct glyph {
  char c;
  std::array<std::uint8_t, 7> rows;
};
constexpr glyph font[] = {
    {'A', {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}}, {'C', {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}},
    {'D', {0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E}}, {'E', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}},
    {'F', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}}, {'H', {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
    {'J', {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C}}, {'K', {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}},
    {'L', {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}}, {'M', {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}},
    {'N', {0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x11}}, {'P', {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}},
    {'R', {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}}, {'T', {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}},
    {'U', {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}}, {'V', {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04}},
    {'X', {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11}}, {'Y', {0x11, 0x11, 0x0A, 0x04, 0x04, 0x04, 0x04}},
    {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}}, {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}},
    {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}}, {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
    {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
};

std::uint32_t crc32(const std::uint8_t* p, std::size_t n, std::uint32_t crc = 0) {
  crc = ~crc;
  for (std::size_t i = 0; i < n; ++i) {
    crc ^= p[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void be32(bridgelink::bytes& out, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void chunk(bridgelink::bytes& out, const char* type, const bridgelink::bytes& data) {
  be32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  be32(out, crc32(out.data() + start, out.size() - start));
}

std::uint32_t next(bridgelink::random_source& rng) {
  std::uint8_t b[4];
  rng.fill(b);
  return static_cast<std::uint32_t>(b[0]) << 24 | static_cast<std::uint32_t>(b[1]) << 16 |
         static_cast<std::uint32_t>(b[2]) << 8 | b[3];
}

}  // namespace

std::string random_captcha_text(bridgelink::random_source& rng, std::size_t length) {
  std::string s;
  for (std::size_t i = 0; i < length; ++i) s.push_back(captcha_alphabet[next(rng) % captcha_alphabet.size()]);
  return s;
}

bridgelink::bytes encode_png_gray(const std::vector<std::uint8_t>& px, std::uint32_t w, std::uint32_t h) {
  bridgelink::bytes out{0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  bridgelink::bytes ihdr;
  be32(ihdr, w);
  be32(ihdr, h);
  ihdr.insert(ihdr.end(), {8, 0, 0, 0, 0});  // 8-bit greyscale, deflate, no filter, no interlace
  chunk(out, "IHDR", ihdr);
  // Raw scanlines (filter byte 0), then a zlib stream of stored blocks.
  bridgelink::bytes raw;
  for (std::uint32_t y = 0; y < h; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), px.begin() + static_cast<std::ptrdiff_t>(y * w),
               px.begin() + static_cast<std::ptrdiff_t>((y + 1) * w));
  }
  bridgelink::bytes z{0x78, 0x01};
  for (std::size_t pos = 0; pos < raw.size() || raw.empty();) {
    const std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
    const bool last = pos + n == raw.size();
    z.push_back(last ? 1 : 0);
    z.push_back(static_cast<std::uint8_t>(n));
    z.push_back(static_cast<std::uint8_t>(n >> 8));
    z.push_back(static_cast<std::uint8_t>(~n));
    z.push_back(static_cast<std::uint8_t>(~n >> 8));
    z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos),
             raw.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    if (last) break;
  }
  std::uint32_t a = 1, b = 0;
  for (auto c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  be32(z, b << 16 | a);
  chunk(out, "IDAT", z);
  chunk(out, "IEND", {});
  return out;
}

bridgelink::bytes render_captcha_png(std::string_view text, bridgelink::random_source& rng) {
  constexpr std::uint32_t scale = 4, cell = 6 * scale, w_pad = 8, h = 7 * scale + 16;
  const std::uint32_t w = static_cast<std::uint32_t>(text.size()) * cell + 2 * w_pad;
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h, 235);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const glyph* g = nullptr;
    for (const auto& f : font)
      if (f.c == text[i]) g = &f;
    if (!g) continue;
    const std::uint32_t x0 = w_pad + static_cast<std::uint32_t>(i) * cell + next(rng) % 3;
    const std::uint32_t y0 = 4 + next(rng) % 8;
    for (std::uint32_t gy = 0; gy < 7; ++gy)
      for (std::uint32_t gx = 0; gx < 5; ++gx)
        if (g->rows[gy] & (0x10 >> gx))
          for (std::uint32_t dy = 0; dy < scale; ++dy)
            for (std::uint32_t dx = 0; dx < scale; ++dx)
              px[(y0 + gy * scale + dy) * w + x0 + gx * scale + dx] = 40;
  }
  for (int line = 0; line < 3; ++line) {  // noise: thin lines across
    std::uint32_t y = next(rng) % h;
    for (std::uint32_t x = 0; x < w; ++x) {
      if (x % 7 == 0) y = (y + (next(rng) % 3) + h - 1) % h;
      px[y * w + x] = 120;
    }
  }
  return encode_png_gray(px, w, h);
}

}  // namespace eimza::sim
