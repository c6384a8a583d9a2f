#pragma once
// What the portal client needs from an HTML page, read the way a browser reads it (gumbo, an
// HTML5 parser): forms with every control and its state (for the HTML form-submission algorithm,
// form_submission.hpp), each control's labels (HTML and ARIA first, layout second), buttons,
// links (with ASP.NET __doPostBack calls), images wherever they are (data: URIs, CSS backgrounds),
// key/value data in any common markup, message-like elements and alert("…") texts, a
// <meta http-equiv=refresh> and the visible text. Nothing is found by HTML id or name guesses:
// callers match by visible text (text_match.hpp). Values may hold a PIN: they live in secret_bytes
// and are kept out of the visible text.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridgelink/secret.hpp"

namespace eimza::portal {

inline constexpr std::size_t page_max = 2 * 1024 * 1024;

/// javascript:__doPostBack('target', 'argument') (ASP.NET WebForms).
struct postback {
  std::string target, argument;
};

struct form_control {
  std::string type;  // lower case: text, password, hidden, checkbox, radio, submit, image, button, reset,
                     // file, select-one, select-multiple, textarea, … (HTML's type)
  std::string name, id;
  std::vector<std::string>
      labels;         // visible labels: <label for>, wrapping <label>, aria-labelledby,
                      // aria-label, title, placeholder; else the layout's (cell before, text before)
  std::string value;  // value attribute (textarea: its text)
  std::vector<std::string> selected;  // select: the values a browser submits
  bool checked = false, disabled = false, readonly = false;
  std::string text;                    // buttons: what the person reads (content, value, alt)
  std::string formaction, formmethod;  // a submit button's overrides
  std::optional<postback> on_click;    // onclick="__doPostBack(…)"
  [[nodiscard]] bool is_button() const noexcept {
    return type == "submit" || type == "image" || type == "button" || type == "reset";
  }
};

struct html_form {
  std::string action, method;          // method lower-case, default "get"
  std::vector<form_control> controls;  // tree order
};

struct html_link {
  std::string text, href;
  std::optional<postback> on_click;  // from href="javascript:…" or onclick
  int form = -1;                     // index of the enclosing form
};

struct html_image {
  std::string src;              // as written (may be a data: URI)
  std::string alt;              // alt, aria-label or title
  std::string hints;            // src, id, class, alt, title joined: what a profile hint is matched against
  int width = -1, height = -1;  // from attributes, -1 when not given
  int form = -1;                // index of the enclosing form
  bool css_background = false;
};

struct key_value {
  std::string key;
  bridgelink::secret_bytes value;  // trimmed of every Unicode space
};

struct html_page {
  std::string title;
  std::string charset = "utf-8";  // the encoding the page came in (for submissions)
  std::vector<html_form> forms;
  std::vector<html_link> links;
  std::vector<html_image> images;
  std::vector<key_value> pairs;  // table rows (2+ cells), header/data rows, dt/dd, readonly inputs, outputs
  std::vector<std::string> messages;  // message-like elements and alert("…") texts
  std::string text;  // all visible text, a line per block, spaces collapsed, without the pairs' values
  std::optional<std::string> refresh_url;  // <meta http-equiv=refresh> with a delay of at most 5 s

  [[nodiscard]] const html_form* form_with_field(std::string_view label) const;
  [[nodiscard]] const html_form* form_with_button(std::string_view button_text) const;
  [[nodiscard]] const html_link* link(std::string_view link_text) const;
  /// The first pair with this key.
  [[nodiscard]] const key_value* row(std::string_view key) const;
  /// Every pair with this key, in page order.
  [[nodiscard]] std::vector<const key_value*> rows(std::string_view key) const;
};

/// Parses up to page_max bytes of UTF-8; deeper than 512 levels is ignored, never a crash.
[[nodiscard]] html_page parse_html(std::string_view html);

/// A fillable control (not a button, not hidden) with this label.
[[nodiscard]] const form_control* field_by_label(const html_form& f, std::string_view label);
[[nodiscard]] const form_control* button_by_text(const html_form& f, std::string_view text);
/// "__doPostBack('a','b')" anywhere in s.
[[nodiscard]] std::optional<postback> find_postback(std::string_view s);

}  // namespace eimza::portal
