#pragma once
// What the portal client needs from an HTML page, extracted with a real HTML5 parser (gumbo):
// forms with their fields (and each field's visible label), buttons, links, images, two-column
// table rows and the visible text. Nothing is found by HTML id or name guesses: callers match
// by visible text (text_match.hpp). Text values may hold a PIN: they live in secret_bytes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridgelink/secret.hpp"

namespace eimza::portal {

inline constexpr std::size_t page_max = 2 * 1024 * 1024;

struct form_field {
  std::string name, type, label, id;
  std::string value;  // pre-filled value (hidden tokens, view state)
};
struct form_button {
  std::string text;  // visible text or value of <input type=submit>
  std::string name, value;
};
struct html_form {
  std::string action, method;  // method lower-case, default "get"
  std::vector<form_field> fields;
  std::vector<form_button> buttons;
  std::vector<std::string> images;  // src of <img> inside the form (the captcha)
};
struct html_link {
  std::string text, href;
};
struct table_row {
  std::string key;
  bridgelink::secret_bytes value;  // e.g. the PIN
};

struct html_page {
  std::string title;
  std::vector<html_form> forms;
  std::vector<html_link> links;
  std::vector<table_row> rows;  // rows with exactly two cells (th/td)
  std::vector<std::string> messages;  // text of elements marked as alerts/errors or of <p>, <div> leaves
  std::string text;                   // all visible text, whitespace collapsed (no values of rows)

  [[nodiscard]] const html_form* form_with_field(std::string_view label) const;
  [[nodiscard]] const html_form* form_with_button(std::string_view button_text) const;
  [[nodiscard]] const html_link* link(std::string_view link_text) const;
  [[nodiscard]] const table_row* row(std::string_view key) const;
};

/// Parses up to page_max bytes; deeper than 512 levels is ignored, never a crash.
[[nodiscard]] html_page parse_html(std::string_view html);

[[nodiscard]] const form_field* field_by_label(const html_form& f, std::string_view label);
[[nodiscard]] const form_button* button_by_text(const html_form& f, std::string_view text);

}  // namespace eimza::portal
