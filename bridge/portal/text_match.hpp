#pragma once
// Matching visible portal text against profile text: whitespace collapsed, Turkish-aware lower
// case (İ→i, I→ı), trailing ':' and '*' ignored. "Kimlik No:" matches "kimlik no".
#include <string>
#include <string_view>

namespace eimza::portal {

[[nodiscard]] std::string normalize_text(std::string_view s);
/// Normalised equality.
[[nodiscard]] bool same_text(std::string_view visible, std::string_view wanted);
/// Normalised containment (error markers inside longer messages).
[[nodiscard]] bool contains_text(std::string_view visible, std::string_view wanted);

}  // namespace eimza::portal
