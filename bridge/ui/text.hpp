#pragma once
// User-facing text in Turkish (default) and English. Messages are looked up by id so every
// string exists in both languages; the language comes from --lang or the environment.
#include <string_view>

namespace eimza::ui {

enum class language { tr, en };

/// "tr"/"en" (or a locale like "en_US.UTF-8"); anything unknown is Turkish.
[[nodiscard]] language parse_language(std::string_view tag) noexcept;
/// From LC_ALL, LC_MESSAGES, LANG (first non-empty), Turkish if none.
[[nodiscard]] language language_from_environment() noexcept;

enum class text_id {
  demo_title,
  scan_qr,
  qr_expires,
  selfcheck_title,
  selfcheck_pairing,
  selfcheck_sas,
  selfcheck_steps,
  selfcheck_resume,
  selfcheck_tamper,
  selfcheck_ok,
  selfcheck_failed,
  next_steps,
  error_prefix,
};

[[nodiscard]] std::string_view text(language lang, text_id id) noexcept;

}  // namespace eimza::ui
