#include "identity/kimlik_no.hpp"

#include <cctype>

namespace eimza::identity {

bool valid_tckn(std::string_view s) noexcept {
  if (s.size() != 11 || s[0] == '0') return false;
  int d[11];
  for (std::size_t i = 0; i < 11; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    d[i] = s[i] - '0';
  }
  const int odd = d[0] + d[2] + d[4] + d[6] + d[8];
  const int even = d[1] + d[3] + d[5] + d[7];
  const int d10 = ((7 * odd - even) % 10 + 10) % 10;
  if (d[9] != d10) return false;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += d[i];
  return d[10] == sum % 10;
}

std::optional<std::string> find_tckn(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    // Exactly 11 digits: a longer run is some other number, not a T.C. Kimlik No.
    if (j - i == 11 && valid_tckn(text.substr(i, 11))) return std::string(text.substr(i, 11));
    i = j;
  }
  return std::nullopt;
}

kimlik_parse_result parse_kimlik_no(std::string_view input) {
  std::string v;
  for (char c : input) {
    if (c == ' ' || c == '\t') continue;
    if (v.size() > 32) return {std::nullopt, kimlik_problem::bad_length};
    v.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (v.empty()) return {std::nullopt, kimlik_problem::empty};
  bool all_digits = true;
  for (char c : v) {
    const bool digit = c >= '0' && c <= '9';
    const bool letter = c >= 'A' && c <= 'Z';
    if (!digit && !letter) return {std::nullopt, kimlik_problem::bad_characters};
    all_digits = all_digits && digit;
  }
  if (all_digits && v.size() == 11) {
    if (!valid_tckn(v)) return {std::nullopt, kimlik_problem::bad_tckn_checksum};
    return {kimlik_no{kimlik_kind::tckn, v}, kimlik_problem::empty};
  }
  if (v.size() < 5 || v.size() > 20) return {std::nullopt, kimlik_problem::bad_length};
  return {kimlik_no{kimlik_kind::passport, v}, kimlik_problem::empty};
}

std::string mask_tckn(std::string_view tckn) {
  if (tckn.size() < 4) return std::string(tckn.size(), '*');
  std::string out(tckn.substr(0, 1));
  out.append(tckn.size() - 4, '*');
  out.append(tckn.substr(tckn.size() - 3));
  return out;
}

}  // namespace eimza::identity
