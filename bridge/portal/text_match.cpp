#include "portal/text_match.hpp"

namespace eimza::portal {
namespace {

// Two-byte UTF-8 upper-case Turkish letters and their lower-case forms.
struct fold {
  std::string_view upper, lower;
};
constexpr fold folds[] = {{"\xC4\xB0", "i"},          {"I", "\xC4\xB1"},          {"\xC5\x9E", "\xC5\x9F"},
                          {"\xC4\x9E", "\xC4\x9F"},   {"\xC3\x9C", "\xC3\xBC"},   {"\xC3\x96", "\xC3\xB6"},
                          {"\xC3\x87", "\xC3\xA7"},   {"\xC3\x82", "\xC3\xA2"}};

}  // namespace

std::string normalize_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    // ASCII whitespace and the UTF-8 no-break space count as one space.
    const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
                    (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0);
    if (ws) {
      space = !out.empty();
      i += c == 0xC2 ? 2 : 1;
      continue;
    }
    if (space) out.push_back(' '), space = false;
    bool folded = false;
    for (const auto& f : folds) {
      if (s.substr(i, f.upper.size()) == f.upper) {
        out += f.lower;
        i += f.upper.size();
        folded = true;
        break;
      }
    }
    if (folded) continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    ++i;
  }
  while (!out.empty() && (out.back() == ':' || out.back() == '*' || out.back() == ' ')) out.pop_back();
  return out;
}

bool same_text(std::string_view visible, std::string_view wanted) {
  const auto w = normalize_text(wanted);
  return !w.empty() && normalize_text(visible) == w;
}

bool contains_text(std::string_view visible, std::string_view wanted) {
  const auto w = normalize_text(wanted);
  return !w.empty() && normalize_text(visible).find(w) != std::string::npos;
}

}  // namespace eimza::portal
