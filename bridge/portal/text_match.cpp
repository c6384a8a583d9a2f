#include "portal/text_match.hpp"

#include <utf8proc.h>

#include <charconv>
#include <cstdlib>
#include <regex>

namespace eimza::portal {
namespace {

using cp_t = utf8proc_int32_t;

bool is_space(cp_t c) {
  if (c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0x200B || c == 0xFEFF) return true;
  const auto cat = utf8proc_category(c);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

bool is_i(cp_t c) {
  return c == 'I' || c == 'i' || c == 0x130 || c == 0x131;
}

void put(std::string& out, cp_t c) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(c, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Calls f(codepoint) for each code point of NFC(s); bytes that are not UTF-8 pass as U+FFFD.
template <class F>
void each_codepoint(std::string_view s, F&& f) {
  const std::string n = nfc(s);
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(n.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(n.size());
  while (left > 0) {
    cp_t c = 0;
    auto used = utf8proc_iterate(p, left, &c);
    if (used <= 0) {
      c = 0xFFFD;
      used = 1;
    }
    f(c);
    p += used;
    left -= used;
  }
}

cp_t fold(cp_t c) {
  return is_i(c) ? 'i' : utf8proc_tolower(c);
}

}  // namespace

std::string nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(s);  // not UTF-8: compared byte for byte
  std::string r(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return r;
}

std::string normalize_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false, after_i = false;
  each_codepoint(s, [&](cp_t c) {
    if (is_space(c)) {
      space = !out.empty();
      after_i = false;
      return;
    }
    if (c == 0x0307 && after_i) return;  // "i̇": the dot of a decomposed İ
    if (space) out.push_back(' '), space = false;
    after_i = is_i(c);
    put(out, fold(c));
  });
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

std::string trim_space(std::string_view s) {
  std::string out;
  std::string pending;  // spaces kept only when something follows them
  each_codepoint(s, [&](cp_t c) {
    if (is_space(c)) {
      if (!out.empty()) put(pending, c);
      return;
    }
    out += pending;
    pending.clear();
    put(out, c);
  });
  return out;
}

std::string fold_pattern(std::string_view pattern) {
  std::string out;
  bool escaped = false;
  each_codepoint(pattern, [&](cp_t c) {
    if (escaped) {
      put(out, c);  // \d, \S, \. … as written
      escaped = false;
      return;
    }
    if (c == '\\') {
      out.push_back('\\');
      escaped = true;
      return;
    }
    put(out, is_space(c) ? cp_t{' '} : fold(c));
  });
  (void)std::regex(out);  // throws std::regex_error for a bad pattern
  return out;
}

std::optional<int> find_number(std::string_view text, const std::vector<std::string>& patterns) {
  const std::string norm = normalize_text(text);
  for (const auto& p : patterns) {
    try {
      const std::regex re(fold_pattern(p));
      std::smatch m;
      if (!std::regex_search(norm, m, re)) continue;
      for (std::size_t g = 1; g < m.size(); ++g) {
        if (!m[g].matched) continue;
        const std::string digits = m[g].str();
        int n = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (ec == std::errc{} && end == digits.data() + digits.size() && digits.size() <= 3) return n;
      }
    } catch (const std::exception&) {  // std::regex_error (complexity, stack) included
    }
  }
  return std::nullopt;
}

}  // namespace eimza::portal
