#pragma once
// "Kimlik No" as the portal takes it: a T.C. Kimlik No (11 digits with two check digits) or a
// passport number. Validated locally before any submit, because every rejected login costs one
// of three tries.
#include <optional>
#include <string>
#include <string_view>

namespace eimza::identity {

/// 11 digits, first not 0, both check digits right.
[[nodiscard]] bool valid_tckn(std::string_view digits) noexcept;

/// The first 11-digit run in text that passes the checksum (certificate serialNumber values
/// come as "12345678901", "TCKN12345678901", "IDCTR-12345678901"...).
[[nodiscard]] std::optional<std::string> find_tckn(std::string_view text);

enum class kimlik_kind { tckn, passport };
enum class kimlik_problem { empty, bad_tckn_checksum, bad_characters, bad_length };

struct kimlik_no {
  kimlik_kind kind;
  std::string value;  // normalised: spaces removed, letters upper-case
};

/// Accepts a T.C. Kimlik No (checksum-validated) or a passport number (5-20 of A-Z, 0-9).
/// An 11-digit input is always treated as a T.C. Kimlik No.
struct kimlik_parse_result {
  std::optional<kimlik_no> value;
  kimlik_problem problem = kimlik_problem::empty;
};
[[nodiscard]] kimlik_parse_result parse_kimlik_no(std::string_view input);

/// "1*******146": enough for the person to recognise it, not enough to reuse it.
[[nodiscard]] std::string mask_tckn(std::string_view tckn);

}  // namespace eimza::identity
