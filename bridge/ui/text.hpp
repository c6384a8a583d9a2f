#pragma once
// The person's language and the one message catalogue (bridge/ui/i18n/{tr,en}.json): every
// sentence a desktop surface shows is looked up here, by key, in Turkish (default) or English.
#include <string>
#include <string_view>
#include <vector>

#include "ui/message.hpp"

namespace eimza::ui {

enum class language { tr, en };
BOOST_DESCRIBE_ENUM(language, tr, en)  // enum_name(l): "tr", "en" (the tag, as in HTML lang)

/// "tr"/"en" (or a locale like "en_US.UTF-8"); anything unknown is Turkish.
[[nodiscard]] language parse_language(std::string_view tag) noexcept;
/// From LC_ALL, LC_MESSAGES, LANG (first non-empty), Turkish if none.
[[nodiscard]] language language_from_environment() noexcept;

/// The sentence in `lang`, each {name} replaced by the argument of that name. A key missing from
/// the catalogue comes back as the key itself (the catalogue test keeps that from shipping).
[[nodiscard]] std::string say(language lang, const message& m);
/// The same in both languages, for surfaces that choose later (the desktop page, JSON output).
struct both {
  std::string tr, en;
};
[[nodiscard]] both say_both(const message& m);

/// The catalogue as loaded, for the catalogue test: every key, and one key's raw text ("" when
/// missing).
[[nodiscard]] std::vector<std::string> catalogue_keys(language lang);
[[nodiscard]] std::string_view catalogue_text(language lang, std::string_view key);

/// The terminal's own sentences (commands, self-check).
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
BOOST_DESCRIBE_ENUM(text_id, demo_title, scan_qr, qr_expires, selfcheck_title, selfcheck_pairing,
                    selfcheck_sas, selfcheck_steps, selfcheck_resume, selfcheck_tamper, selfcheck_ok,
                    selfcheck_failed, next_steps, error_prefix)
constexpr std::string_view text_domain(text_id) noexcept {
  return "ui";
}

/// A sentence with no arguments, as a view into the catalogue.
[[nodiscard]] std::string_view text(language lang, text_id id);

}  // namespace eimza::ui
