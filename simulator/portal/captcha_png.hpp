#pragma once
// A real PNG captcha: the text drawn with a small bitmap font, jittered, with noise lines.
// PNG written by hand (stored deflate blocks, CRC-32, Adler-32): no image library needed.
#include <cstdint>
#include <string>

#include "bridgelink/bytes.hpp"
#include "bridgelink/random.hpp"

namespace eimza::sim {

/// Characters the captcha uses (no look-alikes such as 0/O, 1/I).
inline constexpr std::string_view captcha_alphabet = "ACDEFHJKLMNPRTUVXY34679";

[[nodiscard]] std::string random_captcha_text(bridgelink::random_source& rng, std::size_t length = 5);
[[nodiscard]] bridgelink::bytes render_captcha_png(std::string_view text, bridgelink::random_source& rng);

/// Grey 8-bit PNG from row-major pixels (exposed for tests).
[[nodiscard]] bridgelink::bytes encode_png_gray(const std::vector<std::uint8_t>& pixels, std::uint32_t width,
                                                std::uint32_t height);

}  // namespace eimza::sim
