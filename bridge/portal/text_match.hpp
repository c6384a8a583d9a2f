#pragma once
// Comparing what a portal shows with what a profile says, the way a reader would: Unicode NFC
// (utf8proc), every Unicode space (no-break, thin, ideographic…) as one space, case folded, and
// the four Turkish i's (I ı İ i, also a decomposed "i̇") taken as one letter, so "KALAN DENEME
// HAKKINIZ", "Kalan deneme hakkınız" and "kalan deneme hakkiniz" all match; trailing ':' and '*'
// ignored. "Kimlik No:" matches "kimlik no".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eimza::portal {

[[nodiscard]] std::string normalize_text(std::string_view s);
/// Normalised equality.
[[nodiscard]] bool same_text(std::string_view visible, std::string_view wanted);
/// Normalised containment (error markers inside longer messages).
[[nodiscard]] bool contains_text(std::string_view visible, std::string_view wanted);
/// s without leading and trailing Unicode whitespace (a value padded with &nbsp; is still the value).
[[nodiscard]] std::string trim_space(std::string_view s);
/// NFC only (what a person sees, no folding).
[[nodiscard]] std::string nfc(std::string_view s);

/// A profile regex as it must be written against normalize_text()'s output: letters folded the
/// same way, escapes ("\d", "\S") kept. Throws std::regex_error for a bad pattern.
[[nodiscard]] std::string fold_pattern(std::string_view pattern);
/// The first number (1-3 digits) any pattern finds in the normalised text, from whichever capture
/// group holds it. Never throws: a pattern that cannot run finds nothing.
[[nodiscard]] std::optional<int> find_number(std::string_view text, const std::vector<std::string>& patterns);

}  // namespace eimza::portal
