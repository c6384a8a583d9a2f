#pragma once
// Is this the captcha? The type and size of an image from its own bytes (PNG, GIF, JPEG, WebP,
// BMP), data: URIs decoded, and the rule that a picture too small to hold text (an info icon, a
// spacer) is never handed to the person as the captcha.
#include <optional>
#include <string>
#include <string_view>

#include "bridgelink/bytes.hpp"

namespace eimza::portal {

struct image_facts {
  std::string mime;
  int width = -1, height = -1;  // -1 when the format does not say where we look
};

[[nodiscard]] std::optional<image_facts> sniff_image(bridgelink::byte_view b);
/// data:[<mime>][;base64],<payload> → bytes (at most 1 MiB); nullopt for anything else.
[[nodiscard]] std::optional<bridgelink::bytes> decode_data_uri(std::string_view uri);
/// At least 40×15 and at most 2000×1000 pixels when the size is known.
[[nodiscard]] bool plausible_captcha(const image_facts& f) noexcept;

}  // namespace eimza::portal
